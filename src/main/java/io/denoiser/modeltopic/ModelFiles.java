package io.denoiser.modeltopic;

import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Model files on disk use the model record format, so a file can be published to the topic as is. */
public final class ModelFiles {

    private ModelFiles() {
    }

    public static void write(Path file, ModelRecord record) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, ModelRecordCodec.encode(record));
    }

    public static ModelRecord read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > ModelRecordCodec.MAX_RECORD_BYTES) {
            throw new InvalidModelException(file + " is " + size + " bytes, larger than any model record");
        }
        return ModelRecordCodec.decode(Files.readAllBytes(file));
    }
}
