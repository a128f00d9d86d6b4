package io.denoiser.embedding;

/**
 * What a model version stores to embed and hash its own denoised outputs: the mean μ (N floats), the embedding
 * matrix W (N × D, row-major) and the hash matrix H (N × bits, row-major). Per record: e = (x − μ) W, and bit k of
 * the hash is set when the k-th value of (x − μ) H is positive; N × (D + bits) multiply-adds in all.
 */
public final class EmbeddingProjection {

    private final float[] mean;
    private final float[] embedding;
    private final int dimensions;
    private final float[] hashing;
    private final int bits;

    public EmbeddingProjection(float[] mean, float[] embedding, int dimensions, float[] hashing, int bits) {
        if (mean.length == 0 || dimensions < 1 || bits < 1 || bits > 64) {
            throw new IllegalArgumentException("need a non-empty mean, dimensions >= 1 and 1 to 64 bits: "
                    + mean.length + ", " + dimensions + ", " + bits);
        }
        if (embedding.length != mean.length * dimensions || hashing.length != mean.length * bits) {
            throw new IllegalArgumentException("matrices must be " + mean.length + " × " + dimensions + " and "
                    + mean.length + " × " + bits + ": " + embedding.length + " and " + hashing.length + " values");
        }
        this.mean = mean.clone();
        this.embedding = embedding.clone();
        this.dimensions = dimensions;
        this.hashing = hashing.clone();
        this.bits = bits;
    }

    /** e = (x − μ) W, D floats. */
    public float[] embed(float[] x) {
        return Matrices.toFloat(project(x, embedding, dimensions));
    }

    /** Bit k (0 ≤ k < bits) set when the k-th value of (x − μ) H is positive. */
    public long hash(float[] x) {
        double[] values = project(x, hashing, bits);
        long code = 0;
        for (int k = 0; k < bits; k++) {
            if (values[k] > 0) {
                code |= 1L << k;
            }
        }
        return code;
    }

    /** The embedding in double precision, (x − μ) W. */
    double[] embedValues(float[] x) {
        return project(x, embedding, dimensions);
    }

    /** The hash's values before the sign, (x − μ) H. */
    public double[] hashValues(float[] x) {
        return project(x, hashing, bits);
    }

    public float[][] embedAll(float[][] xs) {
        float[][] vectors = new float[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            vectors[i] = embed(xs[i]);
        }
        return vectors;
    }

    public long[] hashAll(float[][] xs) {
        long[] codes = new long[xs.length];
        for (int i = 0; i < xs.length; i++) {
            codes[i] = hash(xs[i]);
        }
        return codes;
    }

    private double[] project(float[] x, float[] matrix, int width) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("inputs must have " + mean.length + " values, not " + x.length);
        }
        double[] out = new double[width];
        for (int i = 0, offset = 0; i < x.length; i++, offset += width) {
            double c = x[i] - mean[i];
            for (int k = 0; k < width; k++) {
                out[k] += c * matrix[offset + k];
            }
        }
        return out;
    }

    /** N, the input length. */
    public int inputSize() {
        return mean.length;
    }

    public int dimensions() {
        return dimensions;
    }

    public int bits() {
        return bits;
    }

    public float[] mean() {
        return mean.clone();
    }

    /** W, N × D row-major. */
    public float[] embeddingMatrix() {
        return embedding.clone();
    }

    /** H, N × bits row-major. */
    public float[] hashMatrix() {
        return hashing.clone();
    }
}
