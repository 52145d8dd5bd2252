package hub.connectedplaces.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;

/**
 * The "english" analyzer: standard tokenizer, possessive filter, lowercase, English stop words and
 * the Porter stemmer (Lucene's EnglishAnalyzer). Options: stopwords / stopwords_path, stem_exclusion.
 */
final class EnglishAnalyzerProvider extends AbstractIndexAnalyzerProvider<EnglishAnalyzer> {
    private final EnglishAnalyzer analyzer;

    EnglishAnalyzerProvider(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        CharArraySet stopWords = Analysis.parseStopWords(env, settings, EnglishAnalyzer.getDefaultStopSet());
        CharArraySet stemExclusion = Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET);
        this.analyzer = new EnglishAnalyzer(stopWords, stemExclusion);
    }

    @Override
    public EnglishAnalyzer get() {
        return analyzer;
    }
}
