package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.LatentChoice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One task's processor through the lifecycle Kafka Streams may put it: init, close and init again on one instance. */
class DenoiseProcessorTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private static final int[] DIGIT = {28, 28};

    private final TensorCodec codec = new TensorCodec(1 << 20);
    private final ExecutorService inferenceThread = Executors.newSingleThreadExecutor();
    /** Each pass waits at its gate until the test opens it. */
    private final List<CountDownLatch> gates = List.of(new CountDownLatch(1), new CountDownLatch(1));
    private final Semaphore started = new Semaphore(0);
    private final AtomicInteger passes = new AtomicInteger();
    private final ThreadLocal<ThreadBatch> threadBatches = ThreadLocal.withInitial(() -> new ThreadBatch(
            InferenceWorker.on(inferenceThread, Duration.ofMinutes(1)), (model, inputs, shapes) -> {
                CountDownLatch gate = gates.get(passes.getAndIncrement());
                started.release();
                await(gate);
                return model.reconstruct(inputs, shapes);
            }, LatentChoice.EMBEDDING, InferenceEngineKind.defaultKind()));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void stopInferenceThread() {
        gates.forEach(CountDownLatch::countDown);
        inferenceThread.shutdownNow();
    }

    @Test
    void shouldDiscardTheLateResultsOfAPassStartedBeforeAReinitAndDenoiseTheRestoredRecordOnce() throws Exception {
        ProcessorFixture task = new ProcessorFixture(Pipeline.images(TOPICS, "cnn-seed").withBatching(1, 50), 0,
                threadBatches, meters);
        task.processor.init(task.context);
        task.process(new Record<>("digit", digit(0.2f), 0L));
        assertThat(started.tryAcquire(30, TimeUnit.SECONDS)).isTrue();

        // A commit timeout: Kafka Streams closes the task and initialises the same processor instance again,
        // which waits in init for the pass holding the task's record; the restored record starts a new pass.
        task.processor.close();
        gates.get(0).countDown();
        task.processor.init(task.context);
        assertThat(started.tryAcquire(30, TimeUnit.SECONDS)).isTrue();

        assertThatCode(() -> {
            task.punctuate(10);
            gates.get(1).countDown();
            threadBatches.get().awaitPass();
            task.punctuate(20);
        }).doesNotThrowAnyException();
        assertThat(task.forwardedKeys(task.nodes.denoisedSink())).containsExactly("digit");
        assertThat(task.forwardedKeys(task.nodes.latentSink())).containsExactly("digit");
        assertThat(task.forwardedKeys(task.nodes.deadLetterSink())).isEmpty();
        assertThat(task.buffered()).isZero();
        assertThat(passes).hasValue(2);
    }

    @Test
    void shouldCountAsOutOnlyTheRecordsForwardedNotTheDroppedResultsOfAClosedIncarnation() throws Exception {
        ProcessorFixture task = new ProcessorFixture(Pipeline.images(TOPICS, "cnn-seed").withBatching(1, 50), 0,
                threadBatches, meters);
        task.processor.init(task.context);
        task.process(new Record<>("digit", digit(0.2f), 0L));
        assertThat(started.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        task.processor.close();
        gates.forEach(CountDownLatch::countDown);
        task.processor.init(task.context);
        threadBatches.get().awaitPass();
        task.punctuate(10);

        assertThat(task.forwardedKeys(task.nodes.denoisedSink())).containsExactly("digit");
        assertThat(meters.get("denoiser.records.out").counter().count()).isEqualTo(1);
        assertThat(meters.get("denoiser.batch.size").summary().count()).isEqualTo(2);
    }

    private byte[] digit(float corner) {
        float[] image = new float[784];
        image[0] = corner;
        return codec.encodeFloat32(new Tensor(DIGIT, image));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
