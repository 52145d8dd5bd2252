package hub.connectedplaces.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

/**
 * "edge_ngram" token filter: the prefixes of each token (search-as-you-type). Prefixes grow one per
 * length, so unlike "ngram" it is not bound by index.max_ngram_diff.
 */
final class EdgeNGramTokenFilterFactory extends AbstractTokenFilterFactory {
    private final NGramSettings grams;
    private final boolean preserveOriginal;

    EdgeNGramTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        this.grams = NGramSettings.read(indexSettings, name, settings, false);
        this.preserveOriginal = settings.getAsBoolean("preserve_original", false);
        String side = settings.get("side", "front");
        if (!"front".equals(side)) {
            throw new IllegalArgumentException("[" + name + "] only side [front] is supported, got [" + side + "]");
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new EdgeNGramTokenFilter(tokenStream, grams.minGram(), grams.maxGram(), preserveOriginal);
    }
}
