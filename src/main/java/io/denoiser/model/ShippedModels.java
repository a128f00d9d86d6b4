package io.denoiser.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Models shipped inside the jar, used until the models topic holds a version. They are read with the
 * same verifying codec as records from the topic.
 */
public final class ShippedModels {

    private ShippedModels() {
    }

    public static ModelRecord load(String name) {
        String resource = "/models/" + name + ".dnm";
        try (InputStream in = ShippedModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped model named '" + name + "'");
            }
            return ModelRecordCodec.decode(in.readNBytes(ModelRecordCodec.MAX_RECORD_BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
