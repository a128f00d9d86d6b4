package io.denoiser.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A model version's fitted embedding of its own denoised output, carried in its signed record: the vector
 * e = (x̂ − μ) W of D floats and the semantic hash whose bit k is set when ((x̂ − μ) H)_k > 0. Unlike the
 * bottleneck, vectors of one {@link EmbeddingMetadata#space() space} stay comparable across versions. The
 * arrays are never modified after construction, so one instance serves every thread.
 *
 * @param metadata   sizes, space and fit settings, also in the record's metadata
 * @param mean       μ, N floats
 * @param projection W, N × D row-major
 * @param hashProjection H, N × bits row-major
 */
public record LatentEmbedding(EmbeddingMetadata metadata, float[] mean, float[] projection, float[] hashProjection) {

    public LatentEmbedding {
        Objects.requireNonNull(metadata, "embedding metadata");
        int n = mean.length;
        if (n < 1 || projection.length != (long) n * metadata.dimensions()
                || hashProjection.length != (long) n * metadata.bits()) {
            throw new InvalidModelException("embedding arrays of " + mean.length + ", " + projection.length + " and "
                    + hashProjection.length + " floats do not match N = " + n + ", D = " + metadata.dimensions()
                    + ", bits = " + metadata.bits());
        }
    }

    /** Splits the record's trailing floats μ | W | H; their count is checked by the caller against the metadata. */
    public static LatentEmbedding fromFloats(EmbeddingMetadata metadata, int inputSize, float[] floats) {
        int w = inputSize * metadata.dimensions();
        return new LatentEmbedding(metadata, Arrays.copyOfRange(floats, 0, inputSize),
                Arrays.copyOfRange(floats, inputSize, inputSize + w),
                Arrays.copyOfRange(floats, inputSize + w, floats.length));
    }

    /** μ | W | H in one array, as the record carries them. */
    public float[] toFloats() {
        float[] floats = Arrays.copyOf(mean, mean.length + projection.length + hashProjection.length);
        System.arraycopy(projection, 0, floats, mean.length, projection.length);
        System.arraycopy(hashProjection, 0, floats, mean.length + projection.length, hashProjection.length);
        return floats;
    }

    /** Whether a denoised record of this many values can be embedded (a tiled or variable-length one may not). */
    public boolean takes(float[] output) {
        return output.length == mean.length;
    }

    /**
     * The embedding and hash of one denoised record, in one pass over it: the same arithmetic wherever it runs
     * (serve, evaluate, the demo), so the same record gives the same bits.
     */
    public Latent apply(float[] output) {
        if (!takes(output)) {
            throw new IllegalArgumentException("embedding takes " + mean.length + " values, not " + output.length);
        }
        int d = metadata.dimensions();
        int bits = metadata.bits();
        float[] vector = new float[d];
        float[] projected = new float[bits];
        for (int i = 0; i < mean.length; i++) {
            float centred = output[i] - mean[i];
            for (int j = 0, row = i * d; j < d; j++) {
                vector[j] += centred * projection[row + j];
            }
            for (int k = 0, row = i * bits; k < bits; k++) {
                projected[k] += centred * hashProjection[row + k];
            }
        }
        long hash = 0;
        for (int k = 0; k < bits; k++) {
            if (projected[k] > 0) {
                hash |= 1L << k;
            }
        }
        return new Latent(vector, metadata.space(), hash);
    }
}
