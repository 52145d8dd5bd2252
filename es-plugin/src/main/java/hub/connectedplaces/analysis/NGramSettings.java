package hub.connectedplaces.analysis;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;

/** min_gram/max_gram as Elasticsearch reads them, with the index.max_ngram_diff guard for n-grams. */
record NGramSettings(int minGram, int maxGram) {
    static final int DEFAULT_MIN_GRAM = 1;
    static final int DEFAULT_MAX_GRAM = 2;

    static NGramSettings read(IndexSettings indexSettings, String name, Settings settings, boolean checkDiff) {
        int minGram = settings.getAsInt("min_gram", DEFAULT_MIN_GRAM);
        int maxGram = settings.getAsInt("max_gram", DEFAULT_MAX_GRAM);
        if (minGram < 1) {
            throw new IllegalArgumentException("[" + name + "] min_gram must be at least 1, got " + minGram);
        }
        if (maxGram < minGram) {
            throw new IllegalArgumentException(
                "[" + name + "] max_gram (" + maxGram + ") must not be smaller than min_gram (" + minGram + ")"
            );
        }
        // Every extra gram length multiplies the terms indexed per token; the index setting caps it.
        if (checkDiff && indexSettings != null) {
            int allowed = indexSettings.getMaxNgramDiff();
            if (maxGram - minGram > allowed) {
                throw new IllegalArgumentException(
                    "[" + name + "] the difference between max_gram and min_gram must be at most "
                        + allowed + " but was [" + (maxGram - minGram) + "]; raise the ["
                        + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index setting to allow more"
                );
            }
        }
        return new NGramSettings(minGram, maxGram);
    }
}
