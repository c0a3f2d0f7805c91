package io.agora.plugins.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The feature vectors of the log-linear policy, one sparse vector per candidate reply, computed once when a model
 * opens. {@code ngram}: hashed unigrams and bigrams of the reply, and hashed (prompt word, reply word) pairs, so that
 * what is learned on one prompt carries to similar ones. {@code tabular}: one feature per (prompt, reply), which
 * makes the policy a table that can reach any distribution over each prompt's candidates.
 */
final class Features {
    /** The kinds of features a catalog model can use. */
    enum Kind {
        NGRAM, TABULAR;

        static Kind of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    private final int size;
    /** Per prompt, per candidate: the feature indices (repeats count twice). */
    private final int[][][] indices;

    private Features(int size, int[][][] indices) {
        this.size = size;
        this.indices = indices;
    }

    static Features of(CatalogData data, Kind kind, int buckets) {
        int[][][] indices = new int[data.prompts().size()][][];
        if (kind == Kind.TABULAR) {
            int next = 0;
            for (CatalogData.Prompt p : data.prompts()) {
                indices[p.index()] = new int[p.candidates().size()][];
                for (int c = 0; c < p.candidates().size(); c++) {
                    indices[p.index()][c] = new int[] {next++};
                }
            }
            return new Features(next, indices);
        }
        for (CatalogData.Prompt p : data.prompts()) {
            List<String> promptWords = words(p.text());
            indices[p.index()] = new int[p.candidates().size()][];
            for (int c = 0; c < p.candidates().size(); c++) {
                indices[p.index()][c] = ngrams(promptWords, words(p.candidates().get(c).text()), buckets);
            }
        }
        return new Features(buckets, indices);
    }

    private static int[] ngrams(List<String> prompt, List<String> reply, int buckets) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < reply.size(); i++) {
            out.add(bucket("1|" + reply.get(i), buckets));
            if (i + 1 < reply.size()) {
                out.add(bucket("2|" + reply.get(i) + ' ' + reply.get(i + 1), buckets));
            }
            for (String w : prompt) {
                out.add(bucket("x|" + w + '|' + reply.get(i), buckets));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Lower-case words without punctuation. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** A stable bucket: String.hashCode is fixed by the language; a finalizer spreads its bits. */
    private static int bucket(String feature, int buckets) {
        int h = feature.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, buckets);
    }

    /** The number of parameters. */
    int size() {
        return size;
    }

    /** The features of candidate {@code c} of prompt {@code p}. */
    int[] of(int p, int c) {
        return indices[p][c];
    }
}
