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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers, every topic on three replicas with writes acknowledged by two: the broker leading an
 * input partition is stopped under steady load, then restarted. The service in its own JVM rides through
 * both leader elections; a read_committed consumer sees every key exactly once on the denoised and the
 * latent topic.
 */
@Tag("integration")
@Tag("faults")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LeaderLossIT {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String[] SERVE = {"--pipelines", "images", "--batch-size", "16", "--max-wait-ms", "3000",
            "--commit-interval-ms", "2000"};

    @TempDir
    Path work;

    @Test
    void shouldLoseAndDuplicateNothingWhenTheLeaderOfAnInputPartitionIsLostAndComesBack() throws Exception {
        try (TestKafkaCluster cluster = TestKafkaCluster.startReplicated(3)) {
            // Given three brokers and a serve process denoising a steady stream of digits, 100 already out
            TopicApplier.applyShipped(cluster.connection(), TOPICS, Optional.empty());
            Map<String, Long> sent;
            long lost;
            long back;
            try (CommittedOutputWatcher watcher = new CommittedOutputWatcher(cluster.connection().baseProperties(),
                    List.of(TOPICS.denoisedImages(), TOPICS.latentVectors(), TOPICS.deadLetters()));
                 ServeProcess serve = ServeProcess.start("serve", cluster.connection().bootstrapServers(), work,
                         "leader-loss", SERVE);
                 SteadyDigitProducer producer = new SteadyDigitProducer(cluster.producer(), TOPICS.noisyImages(), 40)) {
                watcher.awaitAtLeast(TOPICS.denoisedImages(), 100, TIMEOUT);
                // When the broker leading input partition 0 is stopped for 25 s, then restarted, the load running 25 s more
                int leader = cluster.leaderOf(TOPICS.noisyImages(), 0);

                lost = System.nanoTime();
                cluster.stopBroker(leader);
                Thread.sleep(25_000);
                back = System.nanoTime();
                cluster.restartBroker(leader);
                Thread.sleep(25_000);
                sent = producer.stop();

                // Then the service is alive, and every key comes out once while lost and after its return
                assertThat(watcher.awaitAll(TOPICS.denoisedImages(), sent.keySet(), TIMEOUT)).isTrue();
                assertThat(watcher.awaitAll(TOPICS.latentVectors(), sent.keySet(), TIMEOUT)).isTrue();
                assertThat(serve.isAlive()).isTrue();
                FaultOutcome whileLost = FaultOutcome.observed("the leader of an input partition is lost (3 brokers, RF 3, min ISR 2)",
                        watcher, sent, Long.MIN_VALUE, back, lost);
                FaultOutcome afterReturn = FaultOutcome.observed("the lost broker comes back", watcher, sent, back, Long.MAX_VALUE, back);
                for (FaultOutcome outcome : List.of(whileLost, afterReturn)) {
                    outcome.report();
                    assertThat(outcome.lost()).as("%s: lost", outcome.fault()).isZero();
                    assertThat(outcome.duplicated()).as("%s: duplicated", outcome.fault()).isZero();
                    assertThat(outcome.deadLettered()).as("%s: dead-lettered", outcome.fault()).isZero();
                }
            }
        }
    }
}
