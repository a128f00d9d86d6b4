package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.config.Pipeline;
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

    private static final List<Pipeline> PIPELINES = List.of(Pipeline.images("cnn-seed"));
    private static final Function<String, Optional<ModelRecord>> NOWHERE = name -> Optional.empty();

    @TempDir
    Path dir;

    @Test
    void shouldTakeTheTopicsVersionBeforeAFileAndAFileBeforeTheJar() throws Exception {
        Map<String, Path> files = Map.of("cnn-seed", file(ModelRecords.cnnSeed(7, 2)));
        Function<String, Optional<ModelRecord>> topic = name -> Optional.of(ModelRecords.cnnSeed(3, 3));
        Function<String, Optional<ModelRecord>> jar = name -> Optional.of(ModelRecords.cnnSeed(1, 1));

        assertThat(version(new ModelSources(topic, files, jar))).isEqualTo(3);
        assertThat(version(new ModelSources(NOWHERE, files, jar))).isEqualTo(7);
        assertThat(version(new ModelSources(NOWHERE, Map.of(), jar))).isEqualTo(1);
    }

    @Test
    void shouldLetAFileVersionGiveWayToTheFirstVersionOnTheTopic() throws Exception {
        ModelRegistry registry = new ModelSources(NOWHERE, Map.of("cnn-seed", file(ModelRecords.cnnSeed(7, 2))), NOWHERE)
                .registry(PIPELINES);

        assertThat(registry.offer(ModelRecords.cnnSeed(2, 2))).isTrue();
        assertThat(registry.catalog("cnn-seed").currentVersion()).isEqualTo(2);
    }

    @Test
    void shouldLeaveAModelFoundNowhereWithoutAVersion() throws Exception {
        ModelRegistry registry = new ModelSources(NOWHERE, Map.of(), NOWHERE).registry(PIPELINES);

        assertThat(registry.catalog("cnn-seed").hasVersion()).isFalse();
        assertThat(DenoiserTopology.servable(PIPELINES, registry)).isEmpty();
    }

    @Test
    void shouldRefuseAFileHoldingAnotherModel() throws Exception {
        Path other = file(ModelRecords.lstm(1, 1));

        assertThatThrownBy(() -> new ModelSources(NOWHERE, Map.of("cnn-seed", other), NOWHERE).registry(PIPELINES))
                .hasMessageContaining("holds model 'lstm', not 'cnn-seed'").hasMessageContaining("--model-name cnn-seed");
    }

    private static long version(ModelSources sources) throws Exception {
        return sources.registry(PIPELINES).catalog("cnn-seed").currentVersion();
    }

    private Path file(ModelRecord record) throws Exception {
        Path file = dir.resolve(record.name() + "-" + record.version() + ".dnm");
        ModelFiles.write(file, record);
        return file;
    }
}
