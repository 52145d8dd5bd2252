package hub.connectedplaces.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;

/**
 * "ngram" and "edge_ngram" tokenizers. token_chars (letter, digit, whitespace, punctuation, symbol,
 * custom + custom_token_chars) says which characters belong in a token; others split. Empty means
 * every character does, as in Elasticsearch.
 */
final class NGramTokenizerFactory extends AbstractTokenizerFactory {
    private final NGramSettings grams;
    private final boolean edge;
    private final IntPredicate tokenChar;

    NGramTokenizerFactory(IndexSettings indexSettings, String name, Settings settings, boolean edge) {
        super(indexSettings, settings, name);
        this.edge = edge;
        this.grams = NGramSettings.read(indexSettings, name, settings, !edge);
        this.tokenChar = parseTokenChars(name, settings);
    }

    @Override
    public Tokenizer create() {
        if (tokenChar == null) {
            return edge
                ? new EdgeNGramTokenizer(grams.minGram(), grams.maxGram())
                : new NGramTokenizer(grams.minGram(), grams.maxGram());
        }
        IntPredicate matcher = tokenChar;
        if (edge) {
            return new EdgeNGramTokenizer(grams.minGram(), grams.maxGram()) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return matcher.test(chr);
                }
            };
        }
        return new NGramTokenizer(grams.minGram(), grams.maxGram()) {
            @Override
            protected boolean isTokenChar(int chr) {
                return matcher.test(chr);
            }
        };
    }

    private static IntPredicate parseTokenChars(String name, Settings settings) {
        List<String> classes = settings.getAsList("token_chars", List.of());
        if (classes.isEmpty()) {
            return null;
        }
        List<IntPredicate> matchers = new ArrayList<>();
        for (String raw : classes) {
            String cls = raw.toLowerCase(Locale.ROOT).trim();
            switch (cls) {
                case "letter" -> matchers.add(Character::isLetter);
                case "digit" -> matchers.add(Character::isDigit);
                case "whitespace" -> matchers.add(Character::isWhitespace);
                case "punctuation" -> matchers.add(NGramTokenizerFactory::isPunctuation);
                case "symbol" -> matchers.add(NGramTokenizerFactory::isSymbol);
                case "custom" -> {
                    String custom = settings.get("custom_token_chars");
                    if (custom == null || custom.isEmpty()) {
                        throw new IllegalArgumentException(
                            "[" + name + "] token_chars [custom] needs a non-empty [custom_token_chars]"
                        );
                    }
                    int[] allowed = custom.codePoints().toArray();
                    matchers.add(chr -> {
                        for (int c : allowed) {
                            if (c == chr) {
                                return true;
                            }
                        }
                        return false;
                    });
                }
                default -> throw new IllegalArgumentException(
                    "[" + name + "] unknown token_chars class [" + raw
                        + "]; use letter, digit, whitespace, punctuation, symbol or custom"
                );
            }
        }
        return chr -> {
            for (IntPredicate m : matchers) {
                if (m.test(chr)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean isPunctuation(int chr) {
        return switch (Character.getType(chr)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isSymbol(int chr) {
        return switch (Character.getType(chr)) {
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
