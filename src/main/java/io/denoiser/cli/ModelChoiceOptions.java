package io.denoiser.cli;

import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.ShippedModels;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The model a command works on: one shipped in the jar, by name, or a model file. */
final class ModelChoiceOptions {

    @Option(names = "--model", defaultValue = "cnn-seed", description = "Shipped model name (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--model-file", converter = ExistingFileConverter.class,
            description = "A model file (as train writes it) instead of a shipped model.")
    Path modelFile;

    ModelRecord load() throws IOException {
        return modelFile != null ? ModelFiles.read(modelFile) : ShippedModels.load(modelName);
    }
}
