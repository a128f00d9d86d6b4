package io.denoiser.modeltopic;

import io.denoiser.model.ModelRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Models shipped inside the jar, used until the models topic holds a version. They are read with the
 * same verifying codec as records from the topic.
 */
public final class ShippedModels {

    private ShippedModels() {
    }

    public static ModelRecord load(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no shipped model named '" + name + "'"));
    }

    /** The model shipped under {@code name}, if there is one. */
    public static Optional<ModelRecord> find(String name) {
        String resource = "/models/" + name + ".dnm";
        try (InputStream in = ShippedModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(ModelRecordCodec.decode(in.readNBytes(ModelRecordCodec.MAX_RECORD_BYTES)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
