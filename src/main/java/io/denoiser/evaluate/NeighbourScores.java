package io.denoiser.evaluate;

import java.util.Arrays;

/**
 * How well vectors and binary codes find items of the same class: what a consumer of the latent topic gets
 * from a similarity search. Labels only score here; nothing is fitted to them.
 */
public final class NeighbourScores {

    private NeighbourScores() {
    }

    /**
     * Leave-one-out 1-nearest-neighbour accuracy under cosine similarity: the share of items whose most
     * similar other item has their label.
     */
    public static double nearestNeighbourAccuracy(float[][] vectors, int[] labels) {
        return crossAccuracy(vectors, vectors, labels);
    }

    /**
     * The same accuracy with queries and database in two spaces, item {@code i} of each being the same input:
     * each query is matched against the database's vectors of every other item. Compared with
     * {@link #nearestNeighbourAccuracy} of the database alone, it says whether the two spaces agree.
     */
    public static double crossAccuracy(float[][] queries, float[][] database, int[] labels) {
        requireSameCount(queries.length, database.length, labels.length);
        ExactNeighbours index = new ExactNeighbours(database);
        int correct = 0;
        for (int i = 0; i < queries.length; i++) {
            int best = index.nearest(queries[i], i);
            if (best >= 0 && labels[best] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / queries.length;
    }

    /**
     * Mean precision at {@code k} of Hamming ranking: for each item, the share of its {@code k} nearest other
     * codes (by Hamming distance, ties in item order) that have its label.
     */
    public static double hammingPrecisionAt(int k, long[] codes, int[] labels) {
        requireSameCount(codes.length, codes.length, labels.length);
        if (k < 1 || k >= codes.length) {
            throw new IllegalArgumentException("k must be between 1 and " + (codes.length - 1) + ", not " + k);
        }
        double total = 0;
        long[] ranked = new long[codes.length - 1];
        for (int i = 0; i < codes.length; i++) {
            int n = 0;
            for (int j = 0; j < codes.length; j++) {
                if (j != i) {
                    // distance in the high bits, item index in the low ones: one sort ranks with ties in item order
                    ranked[n++] = (long) Long.bitCount(codes[i] ^ codes[j]) << 32 | j;
                }
            }
            Arrays.sort(ranked);
            int same = 0;
            for (int r = 0; r < k; r++) {
                if (labels[(int) ranked[r]] == labels[i]) {
                    same++;
                }
            }
            total += (double) same / k;
        }
        return total / codes.length;
    }

    private static void requireSameCount(int queries, int database, int labels) {
        if (queries != database || queries != labels || queries < 2) {
            throw new IllegalArgumentException("need at least 2 items with one label each: " + queries + " queries, "
                    + database + " database items, " + labels + " labels");
        }
    }
}
