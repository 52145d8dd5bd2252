package hub.connectedplaces.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

/** "ngram" token filter: every substring of min_gram..max_gram characters of each token. */
final class NGramTokenFilterFactory extends AbstractTokenFilterFactory {
    private final NGramSettings grams;
    private final boolean preserveOriginal;

    NGramTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        this.grams = NGramSettings.read(indexSettings, name, settings, true);
        this.preserveOriginal = settings.getAsBoolean("preserve_original", false);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new NGramTokenFilter(tokenStream, grams.minGram(), grams.maxGram(), preserveOriginal);
    }
}
