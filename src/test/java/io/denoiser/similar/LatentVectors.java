package io.denoiser.similar;

import java.util.OptionalLong;

/** Latent records for tests: vectors pointing mostly along one axis, so their nearest neighbours are known. */
final class LatentVectors {

    private LatentVectors() {
    }

    /** A unit-ish vector along {@code axis} of {@code dimension}, tilted by {@code tilt} towards the next axis. */
    static float[] along(int axis, float tilt, int dimension) {
        float[] vector = new float[dimension];
        vector[axis % dimension] = 1f;
        vector[(axis + 1) % dimension] = tilt;
        return vector;
    }

    static LatentRecord record(String key, String model, long version, float[] vector) {
        return new LatentRecord(key, model, version, model + "@" + version, OptionalLong.empty(), vector);
    }

    static LatentRecord inSpace(String key, String model, long version, String space, float[] vector) {
        return new LatentRecord(key, model, version, space, OptionalLong.empty(), vector);
    }
}
