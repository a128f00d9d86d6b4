package io.denoiser.cli;

import io.denoiser.embedding.EmbeddingSettings;
import io.denoiser.embedding.ModelEmbedder;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.train.TrainingData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code models embed}: gives a model file the latent embedding its latent records then carry, without
 * retraining it; {@code train} fits one by itself for the models it writes.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Fit a digit model file's latent embedding (32 floats and a 64-bit hash of its denoised output) "
                + "on the bundled training digits, in a new space or aligned into --parent's, and write it to --out.")
public final class ModelsEmbedCommand implements Callable<Integer> {

    @Option(names = "--file", converter = ExistingFileConverter.class,
            required = true, description = "Model file to embed.")
    Path file;

    @Option(names = "--out", required = true, description = "Model file to write, the same model with its embedding.")
    Path out;

    @Option(names = "--parent", converter = ExistingFileConverter.class,
            description = "Model file whose embedding space to join, if the alignment holds.")
    Path parent;

    @Option(names = "--dimensions", defaultValue = "" + EmbeddingSettings.DEFAULT_DIMENSIONS,
            description = "Floats of the embedding (default: ${DEFAULT-VALUE}).")
    int dimensions;

    @Option(names = "--noise", defaultValue = "0.5",
            description = "Gaussian noise of the digits the fit denoises (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of that noise and of the hash's rotation "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelRecord model = ModelFiles.read(file);
        if (!ModelEmbedder.embeds(model)) {
            throw new IllegalArgumentException(model.name() + " takes " + Arrays.toString(
                    model.metadata().inputShape()) + ": only fixed-size grayscale image models get an embedding");
        }
        Optional<ModelRecord> parentModel = parent == null ? Optional.empty() : Optional.of(ModelFiles.read(parent));
        TrainingData digits = TrainingData.mnistImages(noise);
        ModelRecord embedded = new ModelEmbedder(EmbeddingSettings.recommended(dimensions)).attach(model, parentModel,
                digits.training(), digits.noise().apply(seed), seed);
        ModelFiles.write(out, embedded);
        out().printf("wrote %s: %s v%d with a %d-float embedding and %d-bit hash in space %s%n", out, embedded.name(),
                embedded.version(), embedded.embedding().metadata().dimensions(), embedded.embedding().metadata().bits(),
                embedded.embedding().metadata().space());
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
