package io.denoiser.evaluate;

import java.util.Arrays;

/**
 * Brute-force cosine search over a few thousand vectors: exact, so it scores what a vector space allows and
 * not what an approximate index happens to find.
 */
public final class ExactNeighbours {

    private final float[][] unit;

    public ExactNeighbours(float[][] vectors) {
        unit = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            unit[i] = unit(vectors[i]);
        }
    }

    public int size() {
        return unit.length;
    }

    /**
     * The {@code k} items most similar to {@code query}, best first, leaving out item {@code excluded}
     * (the query's own item, or -1); ties go to the lower index.
     */
    public int[] nearest(float[] query, int k, int excluded) {
        float[] q = unit(query);
        Integer[] order = new Integer[unit.length];
        double[] scores = new double[unit.length];
        for (int j = 0; j < unit.length; j++) {
            order[j] = j;
            scores[j] = j == excluded ? Double.NEGATIVE_INFINITY : dot(q, unit[j]);
        }
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
        int n = Math.min(k, excluded >= 0 && excluded < unit.length ? unit.length - 1 : unit.length);
        return Arrays.stream(order, 0, n).mapToInt(Integer::intValue).toArray();
    }

    /** The index of the item most similar to {@code query} other than {@code excluded}, or -1 if none. */
    public int nearest(float[] query, int excluded) {
        float[] q = unit(query);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < unit.length; j++) {
            double score = j == excluded ? Double.NEGATIVE_INFINITY : dot(q, unit[j]);
            if (score > bestScore) {
                bestScore = score;
                best = j;
            }
        }
        return best;
    }

    private static float[] unit(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        float[] unit = new float[vector.length];
        for (int d = 0; d < unit.length; d++) {
            unit[d] = norm == 0 ? 0 : (float) (vector[d] / norm);
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }
}
