package io.denoiser.model;

/**
 * One record's latent vector as published: an embedding, with the space its vectors are comparable in and its
 * semantic hash (bit k, {@code 1L << k}, set when hash projection k is positive), or a bottleneck, which has
 * neither (null space).
 */
public record Latent(float[] vector, String space, long hash) {

    static Latent bottleneck(float[] vector) {
        return new Latent(vector, null, 0);
    }

    public boolean embedded() {
        return space != null;
    }
}
