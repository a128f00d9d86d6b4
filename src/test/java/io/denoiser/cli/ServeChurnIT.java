package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.config.TopicNames;
import io.denoiser.faults.CommittedOutputWatcher;
import io.denoiser.faults.FaultOutcome;
import io.denoiser.faults.SteadyDigitProducer;
import io.denoiser.topics.TopicApplier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances of the real service join and leave one application under steady load, each in its own JVM: a
 * second instance joins, one leaves with SIGTERM while records wait in its batch buffers, it comes back,
 * and the other is killed with SIGKILL. A read_committed consumer must see every key exactly once on the
 * denoised and the latent topic, and nothing dead-lettered.
 */
@Tag("integration")
@Tag("faults")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ServeChurnIT {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    /**
     * Small batches that wait up to 3 s, and commits 2 s apart, so that each fault lands with records in the
     * buffers and outputs written but not yet committed: what exactly-once must abort and redo.
     */
    private static final String[] SERVE = {"--pipelines", "images", "--batch-size", "16", "--max-wait-ms", "3000",
            "--commit-interval-ms", "2000", "--replication-factor", "1"};

    @TempDir
    Path work;

    @Test
    void shouldLoseAndDuplicateNothingWhenInstancesJoinLeaveAndCrashUnderLoad() throws Exception {
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            // Given instance a of the churn application denoising a steady stream of digits, 100 already out
            TopicApplier.applyShipped(cluster.connection(), TOPICS, Optional.of((short) 1));
            String servers = cluster.connection().bootstrapServers();
            Map<String, Long> faults = new LinkedHashMap<>();
            Map<String, Long> sent;
            try (CommittedOutputWatcher watcher = new CommittedOutputWatcher(cluster.connection().baseProperties(),
                    List.of(TOPICS.denoisedImages(), TOPICS.latentVectors(), TOPICS.deadLetters()));
                 ServeProcess first = ServeProcess.start("a", servers, work, "churn", SERVE);
                 SteadyDigitProducer producer = new SteadyDigitProducer(cluster.producer(), TOPICS.noisyImages(), 40)) {
                watcher.awaitAtLeast(TOPICS.denoisedImages(), 100, TIMEOUT);

                // When b joins, a leaves with SIGTERM, a comes back and b is killed with SIGKILL, 20-25 s apart
                faults.put("a second instance joins under load", System.nanoTime());
                try (ServeProcess second = ServeProcess.start("b", servers, work, "churn", SERVE)) {
                    Thread.sleep(25_000);
                    faults.put("an instance leaves with SIGTERM mid-batch", System.nanoTime());
                    first.terminate();
                    Thread.sleep(20_000);
                    try (ServeProcess again = ServeProcess.start("a", servers, work, "churn", SERVE)) {
                        Thread.sleep(25_000);
                        faults.put("an instance is killed with SIGKILL", System.nanoTime());
                        second.kill();
                        Thread.sleep(25_000);
                        sent = producer.stop();
                        assertThat(watcher.awaitAll(TOPICS.denoisedImages(), sent.keySet(), TIMEOUT)).isTrue();
                        assertThat(watcher.awaitAll(TOPICS.latentVectors(), sent.keySet(), TIMEOUT)).isTrue();
                    }
                }
                // Then over 2,000 keys were sent and, around each fault, none is lost, duplicated or dead-lettered
                List<FaultOutcome> outcomes = outcomes(faults, sent, watcher);
                for (FaultOutcome outcome : outcomes) {
                    outcome.report();
                }
                assertThat(sent).hasSizeGreaterThan(2_000);
                assertThat(outcomes).allSatisfy(outcome -> {
                    assertThat(outcome.lost()).as("%s: lost", outcome.fault()).isZero();
                    assertThat(outcome.duplicated()).as("%s: duplicated", outcome.fault()).isZero();
                    assertThat(outcome.deadLettered()).as("%s: dead-lettered", outcome.fault()).isZero();
                });
            }
        }
    }

    /** One row per fault, over the keys sent from the previous fault (or the start) until the next one. */
    private static List<FaultOutcome> outcomes(Map<String, Long> faults, Map<String, Long> sent,
                                               CommittedOutputWatcher watcher) {
        List<Map.Entry<String, Long>> ordered = new ArrayList<>(faults.entrySet());
        List<FaultOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            long from = i == 0 ? Long.MIN_VALUE : ordered.get(i - 1).getValue();
            long to = i == ordered.size() - 1 ? Long.MAX_VALUE : ordered.get(i + 1).getValue();
            outcomes.add(FaultOutcome.observed(ordered.get(i).getKey(), watcher, sent, from, to, ordered.get(i).getValue()));
        }
        return outcomes;
    }
}
