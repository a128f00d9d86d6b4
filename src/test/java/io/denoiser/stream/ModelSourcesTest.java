package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ModelFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourcesTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private static final long MAX_INPUT = 1 << 20;
    private static final List<Pipeline> PIPELINES = List.of(Pipeline.images(TOPICS, "cnn-seed"));
    private static final Function<String, Optional<ModelRecord>> NOWHERE = name -> Optional.empty();
    private static final Function<String, List<ModelRecord>> EMPTY_TOPIC = name -> List.of();

    @TempDir
    Path dir;

    @Test
    void shouldTakeTheTopicsVersionBeforeAFileAndAFileBeforeTheJar() throws Exception {
        Map<String, Path> files = Map.of("cnn-seed", file(ModelRecords.cnnSeed(7, 2)));
        Function<String, List<ModelRecord>> topic = name -> List.of(ModelRecords.cnnSeed(3, 3));
        Function<String, Optional<ModelRecord>> jar = name -> Optional.of(ModelRecords.cnnSeed(1, 1));

        assertThat(version(new ModelSources(topic, files, jar))).isEqualTo(3);
        assertThat(version(new ModelSources(EMPTY_TOPIC, files, jar))).isEqualTo(7);
        assertThat(version(new ModelSources(EMPTY_TOPIC, Map.of(), jar))).isEqualTo(1);
    }

    @Test
    void shouldStartFromTheNewestTopicVersionThatLoads() throws Exception {
        Function<String, Optional<ModelRecord>> jar = name -> Optional.of(ModelRecords.lstm(1, 1));
        List<Pipeline> sequences = List.of(Pipeline.sequences(TOPICS, "lstm"));

        Function<String, List<ModelRecord>> onlyUnloadable = name -> List.of(ModelRecords.unloadableLstm(3));
        assertThat(new ModelSources(onlyUnloadable, Map.of(), jar).registry(sequences, MAX_INPUT).catalog("lstm")
                .currentVersion()).isEqualTo(1);
        Function<String, List<ModelRecord>> topic = name -> List.of(ModelRecords.unloadableLstm(3), ModelRecords.lstm(2, 2));
        ModelCatalog catalog = new ModelSources(topic, Map.of(), jar).registry(sequences, MAX_INPUT).catalog("lstm");
        assertThat(catalog.currentVersion()).isEqualTo(2);
        assertThat(catalog.isStale(ModelRecords.lstm(1, 1))).as("v2 came from the topic").isTrue();
    }

    @Test
    void shouldLetAFileVersionGiveWayToTheFirstVersionOnTheTopic() throws Exception {
        ModelRegistry registry = new ModelSources(EMPTY_TOPIC, Map.of("cnn-seed", file(ModelRecords.cnnSeed(7, 2))), NOWHERE)
                .registry(PIPELINES, MAX_INPUT);

        assertThat(registry.offer(ModelRecords.cnnSeed(2, 2))).isTrue();
        assertThat(registry.catalog("cnn-seed").currentVersion()).isEqualTo(2);
    }

    @Test
    void shouldLeaveAModelFoundNowhereWithoutAVersion() throws Exception {
        ModelRegistry registry = new ModelSources(EMPTY_TOPIC, Map.of(), NOWHERE).registry(PIPELINES, MAX_INPUT);

        assertThat(registry.catalog("cnn-seed").hasVersion()).isFalse();
        assertThat(DenoiserTopology.servable(PIPELINES, registry)).isEmpty();
    }

    @Test
    void shouldRefuseAFileHoldingAnotherModel() throws Exception {
        Path other = file(ModelRecords.lstm(1, 1));

        assertThatThrownBy(() -> new ModelSources(EMPTY_TOPIC, Map.of("cnn-seed", other), NOWHERE)
                .registry(PIPELINES, MAX_INPUT))
                .hasMessageContaining("holds model 'lstm', not 'cnn-seed'").hasMessageContaining("--model-name cnn-seed");
    }

    private static long version(ModelSources sources) throws Exception {
        return sources.registry(PIPELINES, MAX_INPUT).catalog("cnn-seed").currentVersion();
    }

    private Path file(ModelRecord record) throws Exception {
        Path file = dir.resolve(record.name() + "-" + record.version() + ".dnm");
        ModelFiles.write(file, record);
        return file;
    }
}
