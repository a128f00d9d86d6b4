package io.denoiser.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.LatentChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinesFileTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private static final Map<String, Pipeline> BUILT_IN = Map.of("images", Pipeline.images(TOPICS, "cnn-seed"),
            "sequences", Pipeline.sequences(TOPICS, "lstm"));
    /** serve's --engine, which the built-in pipelines above do not carry, to tell the two apart. */
    private static final InferenceEngineKind CLI_ENGINE = InferenceEngineKind.DL4J;

    @TempDir
    Path dir;

    @Test
    void shouldGiveEachPipelineItsOwnSettingsOnTopOfTheBuiltInOnes() throws Exception {
        List<Pipeline> pipelines = PipelinesFile.load(write("""
                pipelines:
                  - name: images
                    model: unet
                    batchSize: 64
                    outputFormat: png
                    resizeImages: true
                  - name: sequences
                    maxWaitMs: 200
                    acceptShapeChange: true
                    latent: bottleneck
                    engine: onnxruntime
                  - name: vibration
                    inputTopic: plant.vibration.noisy
                    denoisedTopic: plant.vibration.denoised
                    latentTopic: plant.vibration.latent
                    model: vibration-lstm
                """), BUILT_IN, CLI_ENGINE);

        assertThat(pipelines).extracting(Pipeline::name).containsExactly("images", "sequences", "vibration");
        Pipeline images = pipelines.get(0);
        assertThat(images.inputTopic()).isEqualTo(TOPICS.noisyImages());
        assertThat(images.modelName()).isEqualTo("unet");
        assertThat(images.batchSize()).isEqualTo(64);
        assertThat(images.maxWaitMs()).isEqualTo(Pipeline.DEFAULT_MAX_WAIT_MS);
        assertThat(images.outputFormat()).isEqualTo(OutputFormat.PNG);
        assertThat(images.resizeImages()).isTrue();
        assertThat(images.acceptShapeChange()).isFalse();
        assertThat(pipelines.get(1).maxWaitMs()).isEqualTo(200);
        assertThat(pipelines.get(1).acceptShapeChange()).isTrue();
        assertThat(images.latent()).isEqualTo(LatentChoice.EMBEDDING);
        assertThat(pipelines.get(1).latent()).isEqualTo(LatentChoice.BOTTLENECK);
        assertThat(pipelines.get(1).modelName()).isEqualTo("lstm");
        assertThat(pipelines.get(2).inputTopic()).isEqualTo("plant.vibration.noisy");
        assertThat(pipelines.get(2).batchSize()).isEqualTo(Pipeline.DEFAULT_BATCH_SIZE);
        assertThat(pipelines).extracting(Pipeline::engine).containsExactly(InferenceEngineKind.defaultKind(),
                InferenceEngineKind.ONNXRUNTIME, CLI_ENGINE);
    }

    @Test
    void shouldReadAModelFileBesideThePipelinesFileAndTheTopicLayout() throws Exception {
        List<Pipeline> pipelines = PipelinesFile.load(write("""
                pipelines:
                  - name: vibration
                    inputTopic: plant.vibration.noisy
                    denoisedTopic: plant.vibration.denoised
                    latentTopic: plant.vibration.latent
                    model: vibration-lstm
                    modelFile: models/vibration-lstm.dnm
                    partitions: 6
                    replicationFactor: 2
                  - name: images
                """), BUILT_IN, CLI_ENGINE);

        Pipeline vibration = pipelines.get(0);
        assertThat(vibration.modelFile()).isEqualTo(dir.toAbsolutePath().resolve("models/vibration-lstm.dnm"));
        assertThat(vibration.partitions()).isEqualTo(6);
        assertThat(vibration.replicationFactor()).isEqualTo((short) 2);
        assertThat(pipelines.get(1).modelFile()).isNull();
        assertThat(pipelines.get(1).partitions()).isNull();
        assertThatThrownBy(() -> PipelinesFile.load(write("pipelines:\n  - name: images\n    partitions: 0\n"), BUILT_IN, CLI_ENGINE))
                .hasMessageContaining("partitions and replication factor must be >= 1");
    }

    @Test
    void shouldRefuseMissingTopicsDuplicatesUnknownKeysAndBadValues() throws Exception {
        assertThatThrownBy(() -> PipelinesFile.load(write("pipelines:\n  - name: other\n    model: m\n"), BUILT_IN, CLI_ENGINE))
                .hasMessageContaining("inputTopic missing");
        assertThatThrownBy(() -> PipelinesFile.load(write("pipelines:\n  - name: images\n  - name: images\n"), BUILT_IN, CLI_ENGINE))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> PipelinesFile.load(write("pipelines:\n  - name: images\n    batchsize: 3\n"), BUILT_IN, CLI_ENGINE))
                .hasMessageContaining("batchsize");
        assertThatThrownBy(() -> PipelinesFile.load(write("pipelines:\n  - name: images\n    batchSize: 0\n"), BUILT_IN, CLI_ENGINE))
                .hasMessageContaining("batch size");
        assertThatThrownBy(() -> PipelinesFile.load(write("pipelines: []\n"), BUILT_IN, CLI_ENGINE)).hasMessageContaining("no pipelines");
        assertThatThrownBy(() -> PipelinesFile.load(write("pipelines:\n  - name: images\n    engine: tvm\n"), BUILT_IN, CLI_ENGINE))
                .hasMessageContaining("unknown engine 'tvm'");
        assertThatThrownBy(() -> PipelinesFile.load(write("pipelines:\n  - name: images\n    outputFormat: tiff\n"), BUILT_IN,
                CLI_ENGINE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown output format 'tiff' (as-input, binary, json, png, jpeg)");
        assertThatThrownBy(() -> PipelinesFile.load(write("pipelines:\n  - name: images\n    latent: pca\n"), BUILT_IN, CLI_ENGINE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown latent choice 'pca' (embedding, bottleneck)");
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("pipelines-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
