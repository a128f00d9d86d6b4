package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.LatentChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void shouldCarryTheElementLimitIntoTheConfigurationWithTheServicesDefault() throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--max-tensor-elements", "3145728");
        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs();

        assertThat(serve.config().maxTensorElements()).isEqualTo(3 * 1024 * 1024);
        assertThat(defaults.config().maxTensorElements()).isEqualTo(DenoiserConfig.DEFAULT_MAX_TENSOR_ELEMENTS);
    }

    @Test
    void shouldCarryTheByteLimitsIntoTheConfiguration() throws Exception {
        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs();
        ServeCommand raised = new ServeCommand();
        new CommandLine(raised).parseArgs("--max-input-bytes", "2097152", "--max-output-bytes", "4194304");

        assertThat(defaults.config().maxInputBytes()).isEqualTo(DenoiserConfig.DEFAULT_MAX_INPUT_BYTES);
        assertThat(defaults.config().maxOutputBytes()).isEqualTo(DenoiserConfig.DEFAULT_MAX_OUTPUT_BYTES);
        assertThat(raised.config().maxInputBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(raised.config().maxOutputBytes()).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void shouldLetTheBuiltInPipelinesAcceptShapeChangesOnlyWhenTold() throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--accept-shape-change");
        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs();

        assertThat(serve.config().pipelines()).extracting(Pipeline::acceptShapeChange).containsOnly(true);
        assertThat(defaults.config().pipelines()).extracting(Pipeline::acceptShapeChange).containsOnly(false);
    }

    @Test
    void shouldPublishTheModelsEmbeddingUnlessTheBottleneckIsAskedFor() throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--latent", "bottleneck");
        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs();

        assertThat(serve.config().pipelines()).extracting(Pipeline::latent).containsOnly(LatentChoice.BOTTLENECK);
        assertThat(defaults.config().pipelines()).extracting(Pipeline::latent).containsOnly(LatentChoice.EMBEDDING);
    }

    @Test
    void shouldRunEveryPipelineOnTheEngineAskedForUnlessItsEntryNamesAnother(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pipelines.yaml"), """
                pipelines:
                  - name: images
                  - name: sequences
                    engine: onnxruntime
                """);
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--engine", "dl4j");
        ServeCommand fromFile = new ServeCommand();
        new CommandLine(fromFile).parseArgs("--engine", "dl4j", "--pipelines-file", file.toString());
        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs();

        assertThat(serve.config().pipelines()).extracting(Pipeline::engine).containsOnly(InferenceEngineKind.DL4J);
        assertThat(fromFile.config().pipelines()).extracting(Pipeline::engine)
                .containsExactly(InferenceEngineKind.DL4J, InferenceEngineKind.ONNXRUNTIME);
        assertThat(defaults.config().pipelines()).extracting(Pipeline::engine)
                .containsOnly(InferenceEngineKind.defaultKind());
    }

    @Test
    void shouldTakeRepeatedAndCommaSeparatedModelFiles() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--model-file", "vibration-lstm=/m/v.dnm",
                "--model-file", "pump-lstm=/m/p.dnm,fan-lstm=/m/f.dnm");

        assertThat(serve.modelFiles).containsExactly("vibration-lstm=/m/v.dnm", "pump-lstm=/m/p.dnm", "fan-lstm=/m/f.dnm");
    }

    @Test
    void shouldCarryThePassTimeoutIntoTheConfigurationWithTheServicesDefault() throws Exception {
        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs();
        ServeCommand shorter = new ServeCommand();
        new CommandLine(shorter).parseArgs("--pass-timeout-ms", "15000");

        assertThat(defaults.config().passTimeout()).isEqualTo(Duration.ofMillis(DenoiserConfig.DEFAULT_PASS_TIMEOUT_MS));
        assertThat(shorter.config().passTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void shouldReplicateTheBufferChangelogsAsTheTopicFilesReplicateTheirTopicsOrAsTheOverrideSays() throws Exception {
        ServeCommand files = new ServeCommand();
        new CommandLine(files).parseArgs();
        ServeCommand singleBroker = new ServeCommand();
        new CommandLine(singleBroker).parseArgs("--replication-factor", "1");

        Properties fromFiles = files.config().streamsProperties();
        Properties overridden = singleBroker.config().streamsProperties();

        assertThat(fromFiles).containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), "2");
        assertThat(overridden).containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1)
                .containsEntry(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), "1");
    }
}
