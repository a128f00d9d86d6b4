package io.denoiser.cli;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.TopicNames;
import io.denoiser.evaluate.EvaluationPictures;
import io.denoiser.evaluate.ModelEvaluation;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelFiles;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ShippedModels;
import io.denoiser.train.ModelTopicReader;
import io.denoiser.train.TrainingData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate}: a model against the noisy input and the median baseline, with pictures. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model (shipped, a file, or the newest on the models topic) on held-out data: MSE, PSNR "
                + "and SSIM of noisy input, median baseline and model, per class; pictures in --out.")
public final class EvaluateCommand implements Callable<Integer> {

    private static final long NOISE_SEED = 1234;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ModelTrustOptions modelTrust;

    @Option(names = "--model", defaultValue = DenoiserConfig.DEFAULT_IMAGE_MODEL,
            description = "Shipped model name, or the model name to read with --from-topic (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--model-file", description = "Evaluate this model file.")
    Path modelFile;

    @Option(names = "--from-topic", description = "Evaluate the newest valid version of --model on the models topic.")
    boolean fromTopic;

    @Option(names = "--dataset", description = "mnist, mnist-rows, sensors or csv:FILE (default: from the model's input shape).")
    String dataset;

    @Option(names = "--noise", defaultValue = "0.5", description = "Gaussian noise level for MNIST data (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--window-length", defaultValue = "64", description = "CSV window length (default: ${DEFAULT-VALUE}).")
    int windowLength;

    @Option(names = "--stride", defaultValue = "16", description = "CSV window stride (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--out", defaultValue = "out/evaluate", description = "Directory for the pictures (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report", description = "Write the scores as JSON to this file.")
    Path report;

    @Override
    public Integer call() throws Exception {
        ModelRecord model = load();
        TrainingData data = TrainingData.named(dataset != null ? dataset : defaultDataset(model), noise, windowLength, stride);
        ModelEvaluation.Outcome outcome = ModelEvaluation.run(model, data, NOISE_SEED);
        System.out.printf("%s v%d (%s) on %s, %d held-out records%n%n", model.name(), model.version(),
                model.metadata().architecture(), data.name(), outcome.table().overall().n());
        System.out.print(outcome.table().render());
        EvaluationPictures.write(out, outcome).forEach(file -> System.out.println("wrote " + file));
        if (report != null) {
            JsonReports.write(report, outcome.report());
        }
        return 0;
    }

    private ModelRecord load() throws Exception {
        if (modelFile != null) {
            return ModelFiles.read(modelFile);
        }
        if (fromTopic) {
            return ModelTopicReader.latest(kafka.connection(), TopicNames.defaults().models(), modelName,
                    modelTrust.trust())
                    .orElseThrow(() -> new IllegalStateException("no valid version of " + modelName + " on the models topic"));
        }
        return ShippedModels.load(modelName);
    }

    private static String defaultDataset(ModelRecord model) {
        if (!Architecture.LSTM.id().equals(model.metadata().architecture())) {
            return "mnist";
        }
        return Arrays.equals(model.metadata().inputShape(), new int[] {28, 28}) ? "mnist-rows" : "sensors";
    }
}
