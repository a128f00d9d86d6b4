package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.faults.CommittedOutputWatcher;
import io.denoiser.faults.FaultOutcome;
import io.denoiser.faults.SteadyDigitProducer;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ModelPublisher;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.topics.TopicApplier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hundred signed versions of the model, each published once the stream thread serves the previous one,
 * while noisy digits arrive steadily: off-heap memory after a GC stays flat from swap 10 to swap 100, every
 * replaced copy is closed (while running and after the denoiser closes), and every key comes out exactly once.
 */
@Tag("integration")
@Tag("faults")
@Timeout(value = 18, unit = TimeUnit.MINUTES)
class ModelSwapSoakIT {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int SWAPS = 100;
    private static final int WARM_SWAPS = 10;
    /**
     * Growth allowed from swap 10 to swap 100. A cnn-seed copy warmed up for batches of 16 holds about 2 MB
     * outside the heap after a GC, so a copy kept reachable per swap would add some 180 MB by swap 100 (one
     * unreachable but never closed is freed by the GC, and shows in the copies gauge instead). The resident
     * set outside the heap also grows with the in-process broker, clients and JIT (about 50 MB here over 90
     * swaps, with every copy closed), hence 96 MB. ND4J allocates its buffers outside JavaCPP's own count
     * ({@code totalBytes}, 0 here); that count may grow by no more than four copies' worth.
     */
    private static final long TOTAL_BYTES_BOUND = 8L << 20;
    private static final long PHYSICAL_BYTES_BOUND = 96L << 20;

    /**
     * Native memory as JavaCPP counts it (what it allocated itself, {@code total}, and the process's resident
     * set, {@code physical}), and the Java heap's committed size, which the resident set includes.
     */
    private record OffHeap(long physical, long total, long heapCommitted) {

        /** The resident set outside the Java heap: native memory, metaspace, code cache and thread stacks. */
        long outsideHeap() {
            return physical - heapCommitted;
        }

        /** After a few GC rounds, with pauses for JavaCPP's deallocator thread to free what they released. */
        static OffHeap afterGc() throws InterruptedException {
            for (int round = 0; round < 4; round++) {
                System.gc();
                Thread.sleep(250);
            }
            return new OffHeap(Pointer.physicalBytes(), Pointer.totalBytes(), Runtime.getRuntime().totalMemory());
        }

        @Override
        public String toString() {
            return String.format("physical %.1f MB (%.1f MB outside the heap), total %.1f MB", physical / 1e6,
                    outsideHeap() / 1e6, total / 1e6);
        }
    }

    @TempDir
    Path stateDir;

    @Test
    void shouldCloseEveryReplacedCopyAndKeepOffHeapFlatOverAHundredSignedSwapsUnderSteadyInput() throws Exception {
        // Given a denoiser serving cnn-seed v1 under a steady stream of digits
        int copiesBefore = DenoisingModel.openCopies();
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            TopicApplier.applyShipped(cluster.connection(), TOPICS, Optional.of((short) 1));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            DenoiserConfig config = DenoiserConfig.builder(cluster.connection(), TOPICS, stateDir)
                    .pipelines(List.of(Pipeline.images(TOPICS, "cnn-seed").withBatching(16, 50)))
                    .modelTrust(ModelRecords.TRUST).build();
            ModelRegistry registry = new ModelRegistry(List.of(ShippedModels.load("cnn-seed")));
            // one copy per stream thread for the one model; no trial copy is left over
            int copiesServing = copiesBefore + config.streamThreads();
            try (CommittedOutputWatcher watcher = new CommittedOutputWatcher(cluster.connection().baseProperties(),
                    List.of(TOPICS.denoisedImages(), TOPICS.latentVectors(), TOPICS.deadLetters()))) {
                try (DenoiserApp app = new DenoiserApp(config, registry, new DenoiserMetrics(meters));
                     SteadyDigitProducer producer = new SteadyDigitProducer(cluster.producer(), TOPICS.noisyImages(), 40);
                     ModelPublisher publisher = new ModelPublisher(cluster.connection().baseProperties(), TOPICS.models(),
                             Optional.of(ModelRecords.SIGNING))) {
                    app.start();
                    assertThat(app.awaitRunning(TIMEOUT)).isTrue();
                    watcher.awaitAtLeast(TOPICS.denoisedImages(), 40, TIMEOUT);
                    // When 100 signed versions are published one after another, each once the previous one's outputs are out
                    long firstSwap = System.nanoTime();
                    OffHeap atWarm = swap(publisher, watcher, 1, WARM_SWAPS);
                    assertThat(copiesOpen(meters)).as("copies open at swap %d", WARM_SWAPS).isEqualTo(copiesServing);
                    OffHeap atEnd = swap(publisher, watcher, WARM_SWAPS + 1, SWAPS);
                    // Then off-heap memory stays flat from the warm-up on, one copy per thread stays open, and every key comes out once
                    System.out.printf("model swap soak: %d swaps in %.0f s; at swap %d %s; at swap %d %s; copies open %d%n",
                            SWAPS, (System.nanoTime() - firstSwap) / 1e9, WARM_SWAPS, atWarm, SWAPS, atEnd,
                            (int) copiesOpen(meters) - copiesBefore);
                    assertThat(atEnd.total() - atWarm.total()).as("JavaCPP total bytes grown from swap %d to %d",
                            WARM_SWAPS, SWAPS).isLessThan(TOTAL_BYTES_BOUND);
                    assertThat(atEnd.outsideHeap() - atWarm.outsideHeap()).as("physical bytes outside the heap grown "
                            + "from swap %d to %d", WARM_SWAPS, SWAPS).isLessThan(PHYSICAL_BYTES_BOUND);
                    assertThat(copiesOpen(meters)).as("copies open at swap %d", SWAPS).isEqualTo(copiesServing);
                    assertEveryKeyOnceAndReport(producer.stop(), watcher, firstSwap);
                }
                // Then, once the denoiser is closed, no copy of the model is left open
                // the stream thread's worker ends with the denoiser, and its copy must not outlive it
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(DenoisingModel.openCopies())
                        .as("copies open after the denoiser closed").isEqualTo(copiesBefore));
            }
        }
    }

    /**
     * Publishes versions {@code 1 + from} to {@code 1 + to} (the jar's is 1), each once outputs of the previous
     * one came out, so the stream thread rebuilds its copy for every one; then measures off-heap memory.
     */
    private static OffHeap swap(ModelPublisher publisher, CommittedOutputWatcher watcher, int from, int to)
            throws InterruptedException {
        for (int swap = from; swap <= to; swap++) {
            long version = 1 + swap;
            publisher.publish(ModelRecords.cnnSeed(version, 100 + version));
            watcher.awaitModelVersion(version, TIMEOUT);
        }
        return OffHeap.afterGc();
    }

    private static double copiesOpen(SimpleMeterRegistry meters) {
        return meters.get("denoiser.model.copies.open").gauge().value();
    }

    private static void assertEveryKeyOnceAndReport(Map<String, Long> sent, CommittedOutputWatcher watcher,
                                                    long firstSwap) throws Exception {
        assertThat(watcher.awaitAll(TOPICS.denoisedImages(), sent.keySet(), TIMEOUT)).isTrue();
        assertThat(watcher.awaitAll(TOPICS.latentVectors(), sent.keySet(), TIMEOUT)).isTrue();
        FaultOutcome outcome = FaultOutcome.observed(SWAPS + " signed model swaps under steady input", watcher, sent,
                Long.MIN_VALUE, Long.MAX_VALUE, firstSwap);
        outcome.report();
        assertThat(outcome.lost()).isZero();
        assertThat(outcome.duplicated()).isZero();
        assertThat(watcher.counts(TOPICS.deadLetters())).as("dead letters").isEmpty();
        assertThat(watcher.counts(TOPICS.denoisedImages())).as("denoised").hasSameSizeAs(sent);
        assertThat(watcher.counts(TOPICS.latentVectors())).as("latent").hasSameSizeAs(sent);
    }
}
