package hub.connectedplaces.analysis;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Registers, under the names Elasticsearch users know, the analysis components that Wagtail's
 * Elasticsearch backend and our own search documents use. Each one wraps a Lucene class that the
 * node already ships in lib/lucene-analysis-common.
 */
public class CphAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "asciifolding", AsciiFoldingTokenFilterFactory::new,
            "edge_ngram", EdgeNGramTokenFilterFactory::new,
            "ngram", NGramTokenFilterFactory::new,
            "porter_stem", (indexSettings, env, name, settings) -> new SimpleTokenFilterFactory(name, settings, PorterStemFilter::new),
            "kstem", (indexSettings, env, name, settings) -> new SimpleTokenFilterFactory(name, settings, KStemFilter::new),
            "possessive_english",
            (indexSettings, env, name, settings) -> new SimpleTokenFilterFactory(name, settings, EnglishPossessiveFilter::new),
            "stemmer", StemmerTokenFilterFactory::new
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "edge_ngram", (indexSettings, env, name, settings) -> new NGramTokenizerFactory(indexSettings, name, settings, true),
            "ngram", (indexSettings, env, name, settings) -> new NGramTokenizerFactory(indexSettings, name, settings, false)
        );
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("english", EnglishAnalyzerProvider::new);
    }
}
