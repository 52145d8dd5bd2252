package hub.connectedplaces.analysis;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.tartarus.snowball.ext.EnglishStemmer;

/** "stemmer" with a language option; the English stemmers only (the platform's content language). */
final class StemmerTokenFilterFactory extends AbstractTokenFilterFactory {
    private static final Map<String, Function<TokenStream, TokenStream>> STEMMERS = new TreeMap<>(Map.of(
        "english", PorterStemFilter::new,
        "porter", PorterStemFilter::new,
        "light_english", KStemFilter::new,
        "kstem", KStemFilter::new,
        "minimal_english", EnglishMinimalStemFilter::new,
        "possessive_english", EnglishPossessiveFilter::new,
        "porter2", stream -> new SnowballFilter(stream, new EnglishStemmer())
    ));

    private final Function<TokenStream, TokenStream> stemmer;

    StemmerTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        // Elasticsearch accepts "name" as an alias of "language".
        String language = settings.get("language", settings.get("name", "english")).toLowerCase(Locale.ROOT);
        this.stemmer = STEMMERS.get(language);
        if (stemmer == null) {
            throw new IllegalArgumentException(
                "[" + name + "] stemmer language [" + language + "] is not available; use one of " + STEMMERS.keySet()
            );
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return stemmer.apply(tokenStream);
    }
}
