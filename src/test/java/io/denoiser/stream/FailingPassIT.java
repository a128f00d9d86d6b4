package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.KafkaClusterExtension;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.faults.CommittedOutputWatcher;
import io.denoiser.faults.FaultOutcome;
import io.denoiser.faults.Recomputation;
import io.denoiser.faults.SteadyDigitProducer;
import io.denoiser.faults.StreamThreadFailures;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.metrics.Readiness;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.Reconstruction;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.topics.TopicApplier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forward passes that fail on a real broker, on the dedicated inference thread, while digits arrive steadily
 * on three partitions, so batches mix partitions: first the pass throws for any batch holding one of a few
 * poisoned records, then it throws an Error a few times in a row (fewer than {@link BisectingPass#ERROR_ATTEMPTS}).
 * Under read_committed, only the poisoned records are dead-lettered, every digit comes out once on the
 * denoised and latent topics as the model computes it, and the stream thread is never replaced.
 */
@Tag("integration")
@Tag("faults")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FailingPassIT {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int POISONED = 6;
    private static final int ERROR_BURSTS = 3;
    /** The first value of a poisoned record: digits are sent as uint8, which decodes to k/255, never to a half. */
    private static final float POISON = 0.5f;
    private static final String REFUSAL = "simulated: the pass cannot take a poisoned record";

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @TempDir
    Path stateDir;

    private final TensorCodec codec = new TensorCodec(1 << 20);

    /** Refuses any pass holding a poisoned record; throws an Error on each of the next passes while some are armed. */
    private static final class FaultyPass implements ForwardPass {

        private final AtomicInteger errorsArmed = new AtomicInteger();
        private final AtomicInteger errorsThrown = new AtomicInteger();
        private final AtomicInteger largestRefused = new AtomicInteger();

        @Override
        public Reconstruction run(DenoisingModel model, float[][] inputs, int[][] shapes) {
            if (errorsArmed.getAndUpdate(armed -> Math.max(0, armed - 1)) > 0) {
                errorsThrown.incrementAndGet();
                throw new OutOfMemoryError("simulated: direct buffer memory");
            }
            if (Stream.of(inputs).anyMatch(input -> input[0] == POISON)) {
                largestRefused.accumulateAndGet(inputs.length, Math::max);
                throw new IllegalStateException(REFUSAL);
            }
            return ForwardPass.MODEL.run(model, inputs, shapes);
        }
    }

    @BeforeAll
    static void applyShippedTopics() throws Exception {
        TopicApplier.applyShipped(KAFKA.cluster().connection(), TOPICS, Optional.of((short) 1));
    }

    @Test
    void shouldDeadLetterOnlyPoisonedRecordsAndRideOutPassErrorsWithoutReplacingTheStreamThread() throws Exception {
        // Given a denoiser whose forward pass refuses poisoned records, under a steady stream of digits
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // batches wait up to 500 ms, so at 40 digits a second each pass holds records of several partitions
        Pipeline pipeline = Pipeline.images(TOPICS, "cnn-seed").withBatching(16, 500);
        DenoiserConfig config = DenoiserConfig.builder(KAFKA.cluster().connection(), TOPICS, stateDir).pipelines(List.of(pipeline)).build();
        ModelRecord model = ShippedModels.load("cnn-seed");
        FaultyPass pass = new FaultyPass();
        Map<String, Long> sent = new HashMap<>();
        Map<String, byte[]> poisoned = new HashMap<>();
        try (CommittedOutputWatcher watcher = new CommittedOutputWatcher(KAFKA.cluster().connection().baseProperties(),
                List.of(TOPICS.denoisedImages(), TOPICS.latentVectors(), TOPICS.deadLetters()));
             DenoiserApp app = new DenoiserApp(config, new ModelRegistry(List.of(model)), new DenoiserMetrics(meters), pass);
             KafkaProducer<String, byte[]> poisoner = KAFKA.cluster().producer();
             SteadyDigitProducer producer = new SteadyDigitProducer(KAFKA.cluster().producer(), TOPICS.noisyImages(), 40)) {
            app.start();
            assertThat(app.awaitRunning(TIMEOUT)).isTrue();
            watcher.awaitAtLeast(TOPICS.denoisedImages(), 40, TIMEOUT);

            // When six poisoned records are sent among the digits, then they are dead-lettered
            long poisonAt = System.nanoTime();
            for (int i = 0; i < POISONED; i++) {
                String key = "poisoned-" + i;
                byte[] value = poisonedDigit(i);
                poisoner.send(new ProducerRecord<>(TOPICS.noisyImages(), key, value)).get();
                sent.put(key, System.nanoTime());
                poisoned.put(key, value);
                Thread.sleep(250);
            }
            long poisonSent = System.nanoTime();
            watcher.awaitAtLeast(TOPICS.deadLetters(), POISONED, TIMEOUT);

            // When the pass throws an Error three times in a row, so that only the fourth attempt runs, in three bursts
            List<Long> bursts = new ArrayList<>();
            for (int burst = 0; burst < ERROR_BURSTS; burst++) {
                // digits come out between bursts, so that each burst fails a pass of digits sent before it
                watcher.awaitAtLeast(TOPICS.denoisedImages(), watcher.counts(TOPICS.denoisedImages()).size() + 40, TIMEOUT);
                bursts.add(System.nanoTime());
                // the retries of one pass run back to back on the one inference thread: they take the whole burst
                pass.errorsArmed.set(BisectingPass.ERROR_ATTEMPTS - 1);
                await().atMost(TIMEOUT).until(() -> pass.errorsArmed.get() == 0);
            }

            // Then every digit comes out once, only the poisoned records are dead-lettered, and the stream thread was never replaced
            sent.putAll(producer.stop());
            Set<String> digits = sent.keySet().stream().filter(key -> !poisoned.containsKey(key)).collect(Collectors.toSet());
            assertThat(watcher.awaitAll(TOPICS.denoisedImages(), digits, TIMEOUT)).isTrue();
            assertThat(watcher.awaitAll(TOPICS.latentVectors(), digits, TIMEOUT)).isTrue();
            List<FaultOutcome> outcomes = List.of(
                    FaultOutcome.observed("forward pass throws for " + POISONED + " poisoned records in mixed batches",
                            watcher, sent, Long.MIN_VALUE, poisonSent, poisonAt),
                    FaultOutcome.observed("forward pass throws an Error " + (BisectingPass.ERROR_ATTEMPTS - 1)
                            + " times in a row, " + ERROR_BURSTS + " times", watcher, sent, poisonSent, Long.MAX_VALUE,
                            bursts.get(0)));
            for (FaultOutcome outcome : outcomes) {
                outcome.report();
            }
            assertThat(outcomes).allSatisfy(outcome -> {
                assertThat(outcome.lost()).as("%s: lost", outcome.fault()).isZero();
                assertThat(outcome.duplicated()).as("%s: duplicated", outcome.fault()).isZero();
            });
            assertThat(outcomes).extracting(FaultOutcome::deadLettered).containsExactly(POISONED, 0);
            assertThat(watcher.counts(TOPICS.denoisedImages()).keySet()).as("denoised").isEqualTo(digits);
            assertThat(watcher.counts(TOPICS.latentVectors()).keySet()).as("latent").isEqualTo(digits);
            assertThat(watcher.counts(TOPICS.deadLetters()).keySet()).as("dead letters").isEqualTo(poisoned.keySet());

            assertDeadLetters(poisoned, pipeline);
            List<ConsumerRecord<String, byte[]>> denoised =
                    KAFKA.cluster().readCommitted(List.of(TOPICS.denoisedImages()), digits.size(), TIMEOUT);
            assertThat(Recomputation.assertSampled(denoised, producer::input, Map.of(model.version(), model), 10))
                    .as("versions the outputs name").containsExactly(model.version());

            assertThat(pass.largestRefused).as("records in the largest pass a poisoned record failed").hasValueGreaterThan(1);
            assertThat(pass.errorsThrown).hasValue(ERROR_BURSTS * (BisectingPass.ERROR_ATTEMPTS - 1));
            assertThat(StreamThreadFailures.count(meters)).as("stream threads failed").isZero();
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(app.live()).isEqualTo(Readiness.UP);
        }
    }

    /** Each dead letter carries its input whole and says why, and where the input came from. */
    private static void assertDeadLetters(Map<String, byte[]> poisoned, Pipeline pipeline) {
        List<ConsumerRecord<String, byte[]>> letters =
                KAFKA.cluster().readCommitted(List.of(TOPICS.deadLetters()), poisoned.size(), TIMEOUT);
        assertThat(letters).hasSize(poisoned.size()).allSatisfy(letter -> {
            assertThat(letter.value()).as(letter.key()).isEqualTo(poisoned.get(letter.key()));
            assertThat(header(letter, DeadLetters.REASON)).isEqualTo("MODEL_FAILURE");
            assertThat(header(letter, DeadLetters.EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(letter, DeadLetters.EXCEPTION_MESSAGE)).isEqualTo(REFUSAL);
            assertThat(header(letter, DeadLetters.PIPELINE)).isEqualTo(pipeline.name());
            assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo(TOPICS.noisyImages());
            assertThat(Integer.parseInt(header(letter, DeadLetters.SOURCE_PARTITION))).isBetween(0, 2);
            assertThat(Long.parseLong(header(letter, DeadLetters.SOURCE_OFFSET))).isNotNegative();
        });
    }

    /** A digit-sized record, otherwise blank, whose first value marks it for the failing pass. */
    private byte[] poisonedDigit(int i) {
        float[] image = new float[784];
        image[0] = POISON;
        image[1 + i] = 1f;
        return codec.encodeFloat32(new Tensor(new int[] {28, 28}, image));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
