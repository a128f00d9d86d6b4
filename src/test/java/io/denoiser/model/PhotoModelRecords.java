package io.denoiser.model;

import io.denoiser.modeltopic.ModelFiles;
import java.nio.file.Path;
import java.util.Map;

/** Photo model records for tests of what runs a tiled model: a real photo-unet network with random weights. */
public final class PhotoModelRecords {

    private PhotoModelRecords() {
    }

    public static ModelRecord randomWeights(String name, long version, long seed) {
        Architecture architecture = Architecture.PHOTO_UNET;
        ModelShape shape = architecture.defaultShape();
        float[] parameters = architecture.newNetwork(seed, shape).parameters();
        return new ModelRecord(new ModelMetadata(name, version, architecture.id(), shape.input(), shape.latent(),
                parameters.length, Map.of("dataset", "test"), Map.of(), "2026-11-30T00:00:00Z", null), parameters);
    }

    /** {@link #randomWeights} written as a model file, as {@code train --once} writes one. */
    public static Path file(Path directory, long seed) throws Exception {
        Path file = directory.resolve("photo-" + seed + ".dnm");
        ModelFiles.write(file, randomWeights("photo", 1, seed));
        return file;
    }
}
