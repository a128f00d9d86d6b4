package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.DenoisingModel;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.model.NativeRuntime;
import io.denoiser.modeltopic.ModelRecordCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    private static final InferenceEngineKind ENGINE = InferenceEngineKind.defaultKind();

    @Test
    void shouldGiveEachThreadOneCopyAndCloseTheOldCopyOnASwap() {
        ModelCatalog catalog = new ModelCatalog(ModelRecords.cnnSeed(1, 1));
        DenoisingModel first = catalog.forCurrentThread(4, ENGINE);
        assertThat(catalog.forCurrentThread(4, ENGINE)).isSameAs(first);

        assertThat(catalog.offer(ModelRecords.cnnSeed(2, 2))).isTrue();
        DenoisingModel second = catalog.forCurrentThread(4, ENGINE);

        assertThat(second).isNotSameAs(first);
        assertThat(second.metadata().version()).isEqualTo(2);
        assertThat(second.reconstruct(new float[][] {new float[784]}).outputs()).hasNumberOfRows(1);
        assertThatThrownBy(() -> first.reconstruct(new float[][] {new float[784]})).isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldGiveEachEngineItsOwnCopyAndSwapAndCloseThemAll() {
        ModelCatalog catalog = new ModelCatalog(ModelRecords.cnnSeed(1, 1));
        int before = DenoisingModel.openCopies();
        DenoisingModel onDl4j = catalog.forCurrentThread(4, InferenceEngineKind.DL4J);
        DenoisingModel onOnnxRuntime = catalog.forCurrentThread(4, InferenceEngineKind.ONNXRUNTIME);
        assertThat(onOnnxRuntime).isNotSameAs(onDl4j);
        assertThat(catalog.forCurrentThread(4, InferenceEngineKind.DL4J)).isSameAs(onDl4j);

        assertThat(catalog.offer(ModelRecords.cnnSeed(2, 2))).isTrue();
        DenoisingModel swapped = catalog.forCurrentThread(4, InferenceEngineKind.ONNXRUNTIME);

        assertThat(swapped.metadata().version()).isEqualTo(2);
        assertThatThrownBy(() -> onOnnxRuntime.reconstruct(new float[][] {new float[784]}))
                .isInstanceOf(RuntimeException.class);
        assertThat(DenoisingModel.openCopies()).isEqualTo(before + 2);
        catalog.closeCopyOfCurrentThread();
        assertThat(DenoisingModel.openCopies()).isEqualTo(before);
    }

    @Test
    void shouldCloseTheCallingThreadsCopyOfEveryModelAndBuildANewOneOnItsNextUse() {
        ModelRegistry registry = new ModelRegistry(List.of(ModelRecords.cnnSeed(1, 1), ModelRecords.lstm(1, 1)));
        int before = DenoisingModel.openCopies();
        DenoisingModel images = registry.catalog("cnn-seed").forCurrentThread(4, ENGINE);
        registry.catalog("lstm").forCurrentThread(4, ENGINE);
        assertThat(DenoisingModel.openCopies()).isEqualTo(before + 2);

        registry.closeCopiesOfCurrentThread();

        assertThat(DenoisingModel.openCopies()).isEqualTo(before);
        assertThatThrownBy(() -> images.reconstruct(new float[][] {new float[784]})).isInstanceOf(RuntimeException.class);
        assertThat(registry.catalog("cnn-seed").forCurrentThread(4, ENGINE)).isNotSameAs(images);
        registry.closeCopiesOfCurrentThread();
    }

    @Test
    void shouldRejectAVerifiedModelThatCannotBeWarmedUpAndKeepServingTheVersionInUse() {
        AdoptionPolicy anyShape = new AdoptionPolicy(AdoptionPolicy.DEFAULT.maxBatch(),
                AdoptionPolicy.DEFAULT.maxInputElements(), true, AdoptionPolicy.DEFAULT.engines());
        ModelCatalog catalog = new ModelCatalog(ModelRecords.lstm(1, 1), ModelSource.JAR, anyShape);
        DenoisingModel inUse = catalog.forCurrentThread(4, ENGINE);
        ModelRecord unloadable = ModelRecords.unloadableLstm(2);
        ModelRecordCodec.decode(ModelRecordCodec.encode(unloadable));

        assertThatThrownBy(() -> catalog.offer(unloadable)).isInstanceOfSatisfying(InvalidModelException.class,
                e -> assertThat(e.reason()).isEqualTo(InvalidModelException.Reason.UNLOADABLE));

        assertThat(catalog.currentVersion()).isEqualTo(1);
        assertThat(catalog.currentShape().input()).containsExactly(28, 28);
        assertThat(catalog.forCurrentThread(4, ENGINE)).isSameAs(inUse);
    }

    @Test
    void shouldAdoptADifferentRecordOfTheReleaseInUseAsCompactionWouldKeepItButIgnoreTheSameOneAgain() {
        ModelCatalog catalog = new ModelCatalog(ModelRecords.cnnSeed(1, 1));
        ModelRecord first = ModelRecords.cnnSeed(2, 2);
        ModelRecord rival = ModelRecords.cnnSeed(2, 5);
        assertThat(catalog.offer(first)).isTrue();
        DenoisingModel fromFirst = catalog.forCurrentThread(1, ENGINE);

        assertThat(catalog.offer(rival)).as("another publisher's release 2").isTrue();
        assertThat(catalog.forCurrentThread(1, ENGINE)).isNotSameAs(fromFirst);
        assertThat(catalog.offer(ModelRecords.cnnSeed(2, 5))).as("the same record again").isFalse();
    }

    @Test
    void shouldRunEachThreadsCopyOnOneNativeThread() throws Exception {
        ModelCatalog catalog = new ModelCatalog(ModelRecords.cnnSeed(1, 1));
        AtomicInteger threads = new AtomicInteger();
        Thread streamThread = new Thread(() -> {
            catalog.forCurrentThread(1, ENGINE);
            threads.set(NativeRuntime.nativeThreadsOfThisThread());
        });
        streamThread.start();
        streamThread.join();
        assertThat(threads.get()).isEqualTo(ModelCatalog.NATIVE_THREADS_PER_COPY);
    }

    @Test
    void shouldMoveBackToAnEarlierVersionRepublishedUnderANewReleaseButRefuseReplays() {
        ModelCatalog catalog = new ModelCatalog(ModelRecords.cnnSeed(1, 1));
        ModelRecord v2 = ModelRecords.cnnSeed(2, 2);
        ModelRecord v1 = ModelRecords.cnnSeed(1, 1);
        assertThat(catalog.offer(v2)).isTrue();
        DenoisingModel second = catalog.forCurrentThread(1, ENGINE);

        assertThat(catalog.offer(v1)).as("a replayed v1 record").isFalse();
        assertThat(catalog.isStale(v1)).isTrue();
        ModelRecord rollback = new ModelRecord(v1.metadata().withRelease(3), v1.parameters());
        assertThat(catalog.offer(rollback)).isTrue();

        assertThat(catalog.currentVersion()).isEqualTo(1);
        DenoisingModel rolledBack = catalog.forCurrentThread(1, ENGINE);
        assertThat(rolledBack).isNotSameAs(second);
        assertThat(rolledBack.metadata().version()).isEqualTo(1);
        assertThat(catalog.offer(v2)).as("v2 was released before the rollback").isFalse();
        assertThat(catalog.offer(ModelRecords.cnnSeed(4, 4))).isTrue();
    }

    @Test
    void shouldLetTheTopicsFirstVersionReplaceAFileOrJarVersionWhateverItsReleaseThenOnlyNewerOnes() {
        for (ModelSource fallback : List.of(ModelSource.FILE, ModelSource.JAR)) {
            ModelCatalog catalog = new ModelCatalog(ModelRecords.cnnSeed(5, 1), fallback);
            DenoisingModel fromFallback = catalog.forCurrentThread(1, ENGINE);
            ModelRecord published = ModelRecords.cnnSeed(2, 2);

            assertThat(catalog.isStale(published)).as("nothing from the topic is in use yet").isFalse();
            assertThat(catalog.offer(published)).as("topic v2 over %s v5", fallback).isTrue();
            assertThat(catalog.currentVersion()).isEqualTo(2);
            assertThat(catalog.forCurrentThread(1, ENGINE)).isNotSameAs(fromFallback);
            assertThat(catalog.offer(ModelRecords.cnnSeed(2, 2))).as("the same record again").isFalse();
            assertThat(catalog.offer(ModelRecords.cnnSeed(1, 3))).isFalse();
            assertThat(catalog.offer(ModelRecords.cnnSeed(3, 3))).isTrue();
        }
    }

    @Test
    void shouldRebuildAThreadsCopyWhenTheTopicBringsTheSameVersionNumberAsTheFile() {
        ModelCatalog catalog = new ModelCatalog(ModelRecords.cnnSeed(1, 1), ModelSource.FILE);
        DenoisingModel fromFile = catalog.forCurrentThread(1, ENGINE);

        assertThat(catalog.offer(ModelRecords.cnnSeed(1, 2))).isTrue();

        assertThat(catalog.forCurrentThread(1, ENGINE)).isNotSameAs(fromFile);
    }

    @Test
    void shouldHaveNoVersionUntilTheTopicBringsOneAndTellTheRegistrysListenerOnce() {
        ModelCatalog waiting = ModelCatalog.awaiting("cnn-seed");
        ModelRegistry registry = ModelRegistry.of(List.of(waiting));
        List<String> started = new ArrayList<>();
        registry.onFirstVersion(catalog -> started.add(catalog.modelName()));

        assertThat(waiting.hasVersion()).isFalse();
        assertThat(waiting.currentVersion()).isZero();
        assertThatThrownBy(waiting::currentShape).hasMessageContaining("cnn-seed has no version yet");
        assertThat(registry.offer(ModelRecords.cnnSeed(1, 1))).isTrue();
        assertThat(registry.offer(ModelRecords.cnnSeed(2, 1))).isTrue();

        assertThat(waiting.hasVersion()).isTrue();
        assertThat(waiting.currentVersion()).isEqualTo(2);
        assertThat(started).containsExactly("cnn-seed");
    }
}
