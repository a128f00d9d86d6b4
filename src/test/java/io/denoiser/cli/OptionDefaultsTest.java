package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.embedding.EmbeddingSettings;
import io.denoiser.train.EvaluationGate;
import io.denoiser.train.PhotoSettings;
import io.denoiser.train.TrainerConfig;
import io.denoiser.train.TrainingSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The options' defaults are the config records' own, so the CLI and a config built in code serve alike. */
class OptionDefaultsTest {

    @Test
    void shouldDefaultEveryServeOptionToTheServiceConfigsDefault() {
        assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("DENOISER_")),
                "the environment sets serve's defaults");
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), TopicNames.defaults(), Path.of("state")).build();
        Pipeline images = config.pipelines().get(0);
        Pipeline sequences = config.pipelines().get(1);

        assertThat(defaults(new ServeCommand())).containsAllEntriesOf(Map.ofEntries(
                Map.entry("--application-id", config.applicationId()),
                Map.entry("--pipelines", config.pipelines().stream().map(Pipeline::name).collect(Collectors.joining(","))),
                Map.entry("--image-model", images.modelName()),
                Map.entry("--sequence-model", sequences.modelName()),
                Map.entry("--batch-size", "" + images.batchSize()),
                Map.entry("--max-wait-ms", "" + images.maxWaitMs()),
                Map.entry("--output-format", images.outputFormat().id()),
                Map.entry("--latent", images.latent().id()),
                Map.entry("--engine", images.engine().id()),
                Map.entry("--resize-images", "" + images.resizeImages()),
                Map.entry("--accept-shape-change", "" + images.acceptShapeChange()),
                Map.entry("--max-tensor-elements", "" + config.maxTensorElements()),
                Map.entry("--max-input-bytes", "" + config.maxInputBytes()),
                Map.entry("--max-output-bytes", "" + config.maxOutputBytes()),
                Map.entry("--stream-threads", "" + config.streamThreads()),
                Map.entry("--processing-guarantee", config.processingGuarantee()),
                Map.entry("--commit-interval-ms", "" + config.commitIntervalMs()),
                Map.entry("--pass-timeout-ms", "" + config.passTimeout().toMillis())));
    }

    @Test
    void shouldDefaultEveryTrainOptionToTheTrainersDefault() {
        assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("TRAIN_")),
                "the environment sets train's defaults");
        TrainingSettings settings = TrainingSettings.seedRecipe(TrainingSettings.DEFAULT_EPOCHS,
                TrainingSettings.DEFAULT_SEED);
        PhotoSettings photos = PhotoSettings.defaults();

        assertThat(defaults(new TrainCommand())).containsAllEntriesOf(Map.ofEntries(
                Map.entry("--model-name", DenoiserConfig.DEFAULT_IMAGE_MODEL),
                Map.entry("--architecture", DenoiserConfig.DEFAULT_IMAGE_ARCHITECTURE),
                Map.entry("--epochs", "" + settings.epochs()),
                Map.entry("--batch-size", "" + settings.batchSize()),
                Map.entry("--seed", "" + settings.seed()),
                Map.entry("--noise", "" + settings.noiseLevel()),
                Map.entry("--patience", "" + settings.patience()),
                Map.entry("--patch-size", "" + photos.patchSize()),
                Map.entry("--patches", "" + photos.patches()),
                Map.entry("--max-noise", "" + photos.maxLevel()),
                Map.entry("--noise-exponent", "" + photos.levelExponent()),
                Map.entry("--window", "" + TrainerConfig.DEFAULT_WINDOW_SIZE),
                Map.entry("--window-elements", "" + TrainerConfig.DEFAULT_WINDOW_ELEMENTS),
                Map.entry("--retrain-after", "" + TrainerConfig.DEFAULT_RETRAIN_AFTER),
                Map.entry("--embedding-dimensions", "" + EmbeddingSettings.recommended().dimensions()),
                Map.entry("--gate-margin-db", "" + EvaluationGate.DEFAULT_MARGIN_DB)));
    }

    /** Each option's default as picocli resolves it, by its longest name. */
    private static Map<String, String> defaults(Object command) {
        CommandSpec spec = new CommandLine(command).getCommandSpec();
        return spec.options().stream().filter(option -> option.defaultValue() != null)
                .collect(Collectors.toMap(option -> option.longestName(), option -> option.defaultValue()));
    }
}
