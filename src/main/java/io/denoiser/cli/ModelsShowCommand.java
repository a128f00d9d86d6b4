package io.denoiser.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.ShippedModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code models show}: a shipped model's or a model file's metadata as JSON, for producers and consumers. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a shipped model's (by name) or a model file's metadata as JSON: name, version, "
                + "architecture, input shape, how to scale values, latent vector, embedding and record SHA-256.")
public final class ModelsShowCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Exactly one of the two. */
    static final class Source {

        @Parameters(paramLabel = "NAME", description = "A shipped model: unet, cnn-seed, dense, photo, lstm, "
                + "lstm-sensors, cnn-sensors.")
        String name;

        @Option(names = "--model-file", converter = ExistingFileConverter.class,
                paramLabel = "FILE", description = "A model file, as train writes it.")
        Path file;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ModelRecord model = source.file == null ? ShippedModels.load(source.name) : ModelFiles.read(source.file);
        spec.commandLine().getOut().println(JSON.writeValueAsString(ModelDescription.of(model)));
        return 0;
    }
}
