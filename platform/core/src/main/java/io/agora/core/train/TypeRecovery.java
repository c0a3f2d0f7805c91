package io.agora.core.train;

/**
 * How well EM's posteriors recover known types: the share of annotators whose argmax γ is their true type, under the
 * best one-to-one matching of learned to true types (all K! matchings; K is small).
 */
public final class TypeRecovery {
    private TypeRecovery() {
    }

    /**
     * @param gamma posteriors, one row per annotator, K columns
     * @param truth each annotator's true type, in 0..K−1
     */
    public static double accuracy(double[][] gamma, int[] truth) {
        return accuracy(argmax(gamma), truth, gamma[0].length);
    }

    /** The best matching itself: {@code match[learned] = true type}. */
    public static int[] matching(double[][] gamma, int[] truth) {
        int k = gamma[0].length;
        int[] best = new int[k];
        search(new int[k], new boolean[k], 0, argmax(gamma), truth, best, new int[] {-1});
        return best;
    }

    private static double accuracy(int[] argmax, int[] truth, int k) {
        int[] best = new int[k];
        int[] right = {-1};
        search(new int[k], new boolean[k], 0, argmax, truth, best, right);
        return right[0] / (double) truth.length;
    }

    private static int[] argmax(double[][] gamma) {
        int[] out = new int[gamma.length];
        for (int a = 0; a < gamma.length; a++) {
            for (int t = 1; t < gamma[a].length; t++) {
                if (gamma[a][t] > gamma[a][out[a]]) {
                    out[a] = t;
                }
            }
        }
        return out;
    }

    private static void search(int[] perm, boolean[] used, int at, int[] argmax, int[] truth, int[] best, int[] bestRight) {
        if (at == perm.length) {
            int right = 0;
            for (int a = 0; a < truth.length; a++) {
                right += perm[argmax[a]] == truth[a] ? 1 : 0;
            }
            if (right > bestRight[0]) {
                bestRight[0] = right;
                System.arraycopy(perm, 0, best, 0, perm.length);
            }
            return;
        }
        for (int t = 0; t < perm.length; t++) {
            if (!used[t]) {
                used[t] = true;
                perm[at] = t;
                search(perm, used, at + 1, argmax, truth, best, bestRight);
                used[t] = false;
            }
        }
    }
}
