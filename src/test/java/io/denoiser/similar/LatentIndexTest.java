package io.denoiser.similar;

import static io.denoiser.similar.LatentVectors.along;
import static io.denoiser.similar.LatentVectors.inSpace;
import static io.denoiser.similar.LatentVectors.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentIndexTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LatentIndex index = new LatentIndex(IndexDirectories.inMemory(), 2, new SimilarMetrics(registry));

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void shouldAnswerTheNearestKeysToAKeyNearestFirstWithoutTheKeyItself() throws Exception {
        index.put(record("a", "unet", 1, along(0, 0.1f, 8)));
        index.put(record("b", "unet", 1, along(0, 0.3f, 8)));
        index.put(record("c", "unet", 1, along(0, 0.9f, 8)));
        index.put(record("far", "unet", 1, along(4, 0f, 8)));
        index.refresh();

        assertThat(index.nearestToKey("a", 3, null, null)).extracting(Neighbour::key).containsExactly("b", "c", "far");
        assertThat(index.nearestToKey("a", 1, null, null)).singleElement().satisfies(n -> {
            assertThat(n.score()).isBetween(0.9, 1.0);
            assertThat(n.model()).isEqualTo("unet");
            assertThat(n.version()).isEqualTo(1);
            assertThat(n.space()).isEqualTo("unet@1");
        });
        assertThat(index.nearestToKey("a", 3, null, null).get(2).score()).as("orthogonal").isCloseTo(0.0, offset(1e-6));
    }

    @Test
    void shouldAnswerTheNearestKeysToAPostedVector() throws Exception {
        index.put(record("x", "unet", 1, along(1, 0f, 8)));
        index.put(record("y", "unet", 1, along(5, 0f, 8)));
        index.refresh();

        assertThat(index.nearestToVector(along(5, 0.2f, 8), 1, null, null)).extracting(Neighbour::key).containsExactly("y");
        assertThat(index.nearestToVector(along(1, 0.2f, 8), 2, "unet@1", null)).extracting(Neighbour::key)
                .containsExactly("x", "y");
    }

    @Test
    void shouldKeepOneDocumentPerKeyTheNewestRecordWins() throws Exception {
        index.put(record("a", "unet", 1, along(0, 0f, 8)));
        index.put(record("b", "unet", 1, along(3, 0f, 8)));
        index.put(record("a", "unet", 1, along(3, 0.1f, 8)));
        index.refresh();

        assertThat(index.spaces()).singleElement().satisfies(s -> assertThat(s.documents()).isEqualTo(2));
        assertThat(index.nearestToVector(along(3, 0f, 8), 2, null, null)).extracting(Neighbour::key)
                .containsExactlyInAnyOrder("a", "b");
        index.delete("a");
        index.refresh();
        assertThatThrownBy(() -> index.nearestToKey("a", 1, null, null)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void shouldNeverCompareVectorsOfTwoSpaces() throws Exception {
        index.put(record("digit", "unet", 1, along(0, 0f, 8)));
        index.put(record("photo", "photo", 3, along(0, 0f, 16)));
        index.put(record("photo-2", "photo", 3, along(0, 0.5f, 16)));
        index.refresh();

        assertThat(index.nearestToKey("digit", 5, null, null)).isEmpty();
        assertThat(index.nearestToKey("photo", 5, null, null)).extracting(Neighbour::key).containsExactly("photo-2");
        assertThat(index.nearestToVector(along(0, 0f, 16), 5, null, null)).extracting(Neighbour::space)
                .containsOnly("photo@3");
        assertThatThrownBy(() -> index.nearestToVector(along(0, 0f, 16), 5, "unet@1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8-value");
        assertThatThrownBy(() -> index.nearestToVector(along(0, 0f, 4), 5, null, null))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void shouldFilterBySpaceAndModel() throws Exception {
        index.put(inSpace("u1", "unet", 1, "digits-v1", along(0, 0f, 8)));
        index.put(inSpace("s1", "seed", 4, "digits-v1", along(0, 0.1f, 8)));
        index.put(inSpace("s2", "seed", 4, "digits-v1", along(0, 0.2f, 8)));
        index.refresh();

        assertThat(index.nearestToKey("u1", 5, "digits-v1", "seed")).extracting(Neighbour::key)
                .containsExactly("s1", "s2");
        assertThat(index.nearestToKey("s1", 5, "digits-v1", null)).extracting(Neighbour::model)
                .containsExactlyInAnyOrder("unet", "seed");
        assertThatThrownBy(() -> index.nearestToKey("u1", 5, "other", null)).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("no space other");
        assertThatThrownBy(() -> index.nearestToVector(along(0, 0f, 8), 5, null, "dense"))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void shouldServeTheOldSpaceUntilTheNewOneHoldsAsManyKeysAndKeepTheNewestSpacesPerModel() throws Exception {
        for (int i = 0; i < 3; i++) {
            index.put(record("k" + i, "unet", 1, along(i, 0f, 8)));
        }
        index.put(record("k0", "unet", 2, along(0, 0.1f, 8)));
        index.refresh();

        assertThat(index.nearestToVector(along(1, 0f, 8), 1, null, "unet")).extracting(Neighbour::space)
                .containsExactly("unet@1");
        assertThat(index.spaces()).extracting(SpaceSummary::space, SpaceSummary::serving)
                .containsExactly(tuple("unet@1", true), tuple("unet@2", false));

        for (int i = 1; i < 3; i++) {
            index.put(record("k" + i, "unet", 2, along(i, 0.1f, 8)));
        }
        index.refresh();
        assertThat(index.nearestToVector(along(1, 0f, 8), 1, null, "unet")).extracting(Neighbour::space)
                .containsExactly("unet@2");

        index.put(record("k0", "unet", 3, along(0, 0f, 8)));
        index.refresh();
        assertThat(index.spaces()).extracting(SpaceSummary::space).containsExactly("unet@2", "unet@3");
        assertThat(registry.find("similar.index.documents").tag("space", "unet@1").gauge()).isNull();
        assertThat(registry.get("similar.index.documents").tag("space", "unet@2").gauge().value()).isEqualTo(3);
    }

    @Test
    void shouldIndexVectorsWiderThanLucenesDefaultLimitAndRefuseWiderThanItsOwn() throws Exception {
        index.put(record("wide", "unet", 1, along(0, 0f, 1568)));
        index.put(record("wide-2", "unet", 1, along(0, 0.5f, 1568)));
        index.refresh();

        assertThat(index.nearestToKey("wide", 1, null, null)).extracting(Neighbour::key).containsExactly("wide-2");
        assertThatThrownBy(() -> index.put(record("huge", "big", 1, along(0, 0f, WideHnswVectorsFormat.MAX_DIMENSIONS + 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(index.spaces()).extracting(SpaceSummary::model).containsExactly("unet");
    }

    @Test
    void shouldKeepTheIndexOnDiskWhenGivenADirectoryAndDeleteWhatItLeavesThere(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("space-9"));
        try (LatentIndex onDisk = new LatentIndex(IndexDirectories.onDisk(dir), 1, new SimilarMetrics(registry))) {
            assertThat(dir.resolve("space-9")).doesNotExist();
            onDisk.put(new LatentRecord("a", "unet", 1, "unet@1", OptionalLong.of(42), along(0, 0f, 8)));
            onDisk.put(record("b", "unet", 1, along(0, 0.2f, 8)));
            onDisk.refresh();
            assertThat(onDisk.nearestToKey("b", 1, null, null)).singleElement()
                    .satisfies(n -> assertThat(n.hash()).hasValue(42));
            assertThat(dir.resolve("space-1")).isDirectoryContaining(p -> true);
            onDisk.put(record("c", "unet", 2, along(0, 0f, 8)));
            assertThat(dir.resolve("space-1")).as("closed with its space").doesNotExist();
        }
    }
}
