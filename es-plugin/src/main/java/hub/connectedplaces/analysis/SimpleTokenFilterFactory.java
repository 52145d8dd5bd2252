package hub.connectedplaces.analysis;

import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

/** A filter without options: porter_stem, kstem, possessive_english. */
final class SimpleTokenFilterFactory extends AbstractTokenFilterFactory {
    private final Function<TokenStream, TokenStream> filter;

    SimpleTokenFilterFactory(String name, Settings settings, Function<TokenStream, TokenStream> filter) {
        super(name, settings);
        this.filter = filter;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }
}
