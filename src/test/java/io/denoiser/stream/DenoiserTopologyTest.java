package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.codec.Tensor;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DenoiserTopologyTest extends TopologyFixture {

    private static final int[] DIGIT = {28, 28};

    private ModelCatalog catalog;

    @BeforeEach
    void start() {
        start(1);
    }

    /** Starts the production topology with batches of {@code batchSize} and a 50 ms maximum wait. */
    private void start(int batchSize) {
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.images(topics, "cnn-seed").withBatching(batchSize, 50),
                        Pipeline.sequences(topics, "lstm").withBatching(batchSize, 50)))
                .modelTrust(ModelRecords.TRUST).build();
        startTopology(config, List.of(ModelRecords.cnnSeed(1, 1), ModelRecords.lstm(1, 1)));
        catalog = harness.registry.catalog("cnn-seed");
    }

    @Test
    void shouldPublishADenoisedImageAndA512FloatLatentUnderTheInputKey() {
        noisy.pipeInput("digit-1", codec.encodeUint8(new Tensor(DIGIT, digit(0.3f))));
        TestRecord<String, byte[]> image = denoised.readRecord();
        TestRecord<String, byte[]> code = latent.readRecord();
        assertThat(image.key()).isEqualTo("digit-1");
        assertThat(code.key()).isEqualTo("digit-1");
        Tensor output = codec.decodeDetecting(image.value());
        assertThat(output.shape()).containsExactly(DIGIT);
        for (float value : output.values()) {
            assertThat(value).isBetween(0f, 1f);
        }
        assertThat(codec.decodeDetecting(code.value()).shape()).containsExactly(512);
        assertThat(header(image.headers(), OutputHeaders.MODEL_NAME)).isEqualTo("cnn-seed");
        assertThat(OutputHeaders.modelVersion(code.headers())).isEqualTo(1);
        assertThat(header(image.headers(), OutputHeaders.PIPELINE)).isEqualTo("images");
        assertThat(Double.parseDouble(header(image.headers(), OutputHeaders.RECONSTRUCTION_ERROR))).isPositive();
        assertThat(Double.parseDouble(header(image.headers(), OutputHeaders.INFERENCE_MS))).isPositive();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDenoiseInBatchesWhenFullOrWhenTheOldestRecordHasWaitedLongEnough() {
        driver.close();
        start(4);
        for (int i = 0; i < 3; i++) {
            noisy.pipeInput("digit-" + i, codec.encodeUint8(new Tensor(DIGIT, digit(0.1f * i))));
        }
        assertThat(denoised.isEmpty()).isTrue();
        noisy.pipeInput("digit-3", codec.encodeUint8(new Tensor(DIGIT, digit(0.3f))));
        assertThat(denoised.readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactly("digit-0", "digit-1", "digit-2", "digit-3");

        noisy.pipeInput("late", codec.encodeUint8(new Tensor(DIGIT, digit(0.5f))));
        driver.advanceWallClockTime(Duration.ofMillis(20));
        assertThat(denoised.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMillis(60));
        assertThat(denoised.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("late");
        assertThat(latent.readKeyValuesToList()).hasSize(5);
        assertThat(meters.get("denoiser.batch.size").summary().max()).isEqualTo(4);
    }

    /** Restarts with the images pipeline only, batches of 4, forward passes on production's inference threads. */
    private void startImagesOn(InferenceWorkers inference) {
        driver.close();
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.images(topics, "cnn-seed").withBatching(4, 50)))
                .modelTrust(ModelRecords.TRUST).build();
        startTopology(new TopologyHarness(config, List.of(ModelRecords.cnnSeed(1, 1)), meters, inference));
    }

    @Test
    void shouldForwardBatchesComputedOnAnInferenceThreadOnlyFromTheStreamThreadInArrivalOrder() {
        try (InferenceWorkers inference = InferenceWorkers.dedicated(Duration.ofMinutes(1))) {
            startImagesOn(inference);
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                keys.add("digit-" + i);
                noisy.pipeInput("digit-" + i, codec.encodeUint8(new Tensor(DIGIT, digit(0.1f * i))));
            }
            List<String> forwarded = new ArrayList<>();
            // Results reach the topics only when the stream thread next runs the processor: a punctuation here.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                driver.advanceWallClockTime(Duration.ofMillis(10));
                denoised.readKeyValuesToList().forEach(kv -> forwarded.add(kv.key));
                return forwarded.size() == keys.size();
            });
            assertThat(forwarded).containsExactlyElementsOf(keys);
            assertThat(meters.get("denoiser.batch.size").summary().count()).isEqualTo(3);
        }
    }

    @Test
    void shouldForwardABatchFlushedByTheMaximumWaitInTheSamePunctuationEvenOnAnInferenceThread() {
        try (InferenceWorkers inference = InferenceWorkers.dedicated(Duration.ofMinutes(1))) {
            startImagesOn(inference);
            noisy.pipeInput("slow-0", codec.encodeUint8(new Tensor(DIGIT, digit(0.2f))));
            noisy.pipeInput("slow-1", codec.encodeUint8(new Tensor(DIGIT, digit(0.4f))));
            driver.advanceWallClockTime(Duration.ofMillis(60));
            assertThat(denoised.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("slow-0", "slow-1");
        }
    }

    @Test
    void shouldNotHoldTheStreamThreadOnABatchDueByTheWaitWhileRecordsStillArrive() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ForwardPass held = (model, inputs, shapes) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return model.reconstruct(inputs, shapes);
        };
        try (InferenceWorkers inference = InferenceWorkers.dedicated(held, Duration.ofMinutes(1))) {
            startImagesOn(inference);
            // Given a record that has waited almost the whole 50 ms, and one that has just arrived
            noisy.pipeInput("early", codec.encodeUint8(new Tensor(DIGIT, digit(0.2f))));
            driver.advanceWallClockTime(Duration.ofMillis(45));
            noisy.pipeInput("late", codec.encodeUint8(new Tensor(DIGIT, digit(0.4f))));
            // When the batch falls due while its pass cannot finish
            CompletableFuture<Void> punctuated = CompletableFuture.runAsync(
                    () -> driver.advanceWallClockTime(Duration.ofMillis(5)));
            // Then the stream thread goes on rather than waiting for the pass, and forwards its results later
            assertThat(punctuated).succeedsWithin(Duration.ofSeconds(10));
            release.countDown();
            List<String> forwarded = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                driver.advanceWallClockTime(Duration.ofMillis(10));
                denoised.readKeyValuesToList().forEach(kv -> forwarded.add(kv.key));
                return forwarded.size() == 2;
            });
            assertThat(forwarded).containsExactly("early", "late");
        }
    }

    @Test
    void shouldChangelogTheBatchBufferUnlessTheBenchmarkTurnsItOff() {
        String changelog = DenoiserConfig.DEFAULT_APPLICATION_ID + "-" + new PipelineNodes("images").bufferStore()
                + "-changelog";
        noisy.pipeInput("digit-1", codec.encodeUint8(new Tensor(DIGIT, digit(0.3f))));
        assertThat(driver.producedTopicNames()).contains(changelog, topics.denoisedImages());

        driver.close();
        DenoiserConfig unlogged = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.images(topics, "cnn-seed").withBatching(1, 50)))
                .modelTrust(ModelRecords.TRUST)
                .bufferChangelog(false).build();
        startTopology(unlogged, List.of(ModelRecords.cnnSeed(1, 1)));
        noisy.pipeInput("digit-1", codec.encodeUint8(new Tensor(DIGIT, digit(0.3f))));
        assertThat(driver.producedTopicNames()).contains(topics.denoisedImages()).doesNotContain(changelog);
    }

    @Test
    void shouldDeadLetterEveryKindOfMalformedRecordAmongGoodOnesAndDenoiseEachGoodOneOnce() {
        driver.close();
        start(8);
        List<byte[]> malformed = List.of(
                "{\"shape\":[28,28],\"data\":[".getBytes(StandardCharsets.UTF_8),                    // UNPARSABLE
                "GIF89a".getBytes(StandardCharsets.UTF_8),                                               // UNKNOWN_FORMAT
                codec.encodeFloat32(new Tensor(new int[] {28, 27}, new float[28 * 27])),                  // WRONG_SHAPE
                withDtype(codec.encodeUint8(new Tensor(DIGIT, digit(0.5f))), 7),                          // WRONG_DTYPE
                ("{\"shape\":[28,28],\"data\":[" + "0,".repeat(783) + "1e999]}").getBytes(StandardCharsets.UTF_8), // NON_FINITE
                ByteBuffer.allocate(14).put(new byte[] {'D', 'N', 'T', '1', 1, 2})
                        .putInt(1 << 16).putInt(1 << 16).array());                                        // OVERSIZE
        List<String> reasons = List.of("UNPARSABLE", "UNKNOWN_FORMAT", "WRONG_SHAPE", "WRONG_DTYPE", "NON_FINITE", "OVERSIZE");
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            if (i % 10 == 9) {
                noisy.pipeInput("bad-" + i, malformed.get((i / 10) % malformed.size()));
            } else {
                noisy.pipeInput("good-" + i, codec.encodeUint8(new Tensor(DIGIT, digit((i % 7) / 7f))));
                good.add("good-" + i);
            }
        }
        driver.advanceWallClockTime(Duration.ofMillis(100));

        assertThat(denoised.readKeyValuesToList()).extracting(kv -> kv.key).containsExactlyElementsOf(good);
        assertThat(latent.readKeyValuesToList()).extracting(kv -> kv.key).containsExactlyElementsOf(good);
        var letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(12);
        for (int j = 0; j < letters.size(); j++) {
            assertThat(letters.get(j).key()).isEqualTo("bad-" + (10 * j + 9));
            assertThat(header(letters.get(j).headers(), DeadLetters.REASON)).isEqualTo(reasons.get(j % reasons.size()));
            assertThat(letters.get(j).value()).isEqualTo(malformed.get(j % malformed.size()));
            assertThat(header(letters.get(j).headers(), DeadLetters.EXCEPTION_MESSAGE)).isNotBlank();
        }
    }

    private static byte[] withDtype(byte[] binaryTensor, int dtype) {
        binaryTensor[4] = (byte) dtype;
        return binaryTensor;
    }

    @Test
    void shouldServeSequenceWindowsWithTheLstmOnTheirOwnTopics() {
        TestInputTopic<String, byte[]> sequences = harness.input(topics.noisySequences());
        TestOutputTopic<String, byte[]> denoisedSequences = harness.output(topics.denoisedSequences());
        TestOutputTopic<String, byte[]> latentSequences = harness.output(topics.latentSequences());

        sequences.pipeInput("window-1", codec.encodeFloat32(new Tensor(new int[] {28, 28}, digit(0.4f))));

        TestRecord<String, byte[]> window = denoisedSequences.readRecord();
        assertThat(window.key()).isEqualTo("window-1");
        assertThat(codec.decodeDetecting(window.value()).shape()).containsExactly(28, 28);
        assertThat(header(window.headers(), OutputHeaders.MODEL_NAME)).isEqualTo("lstm");
        assertThat(codec.decodeDetecting(latentSequences.readRecord().value()).shape()).containsExactly(64);
        assertThat(denoised.isEmpty()).isTrue();
    }

    @Test
    void shouldServeSensorWindowsWithTheSkipConnectedLstm() {
        serveSensorWindows(ModelRecords.lstmSkip(1, 1), 64);
    }

    @Test
    void shouldServeSensorWindowsWithTheTemporalCnn() {
        ModelRecord model = ModelRecords.cnnSensors(1, 1);
        List<TestRecord<String, byte[]>> windows = serveSensorWindows(model, 128);

        float[] expected = DenoisingModel.load(model).reconstruct(new float[][] {constant(64 * 8, 0.3f)}).outputs()[0];
        assertThat(codec.decodeDetecting(windows.get(0).value()).values()).containsExactly(expected, Offset.offset(1e-6f));
    }

    @Test
    void shouldServeTemporalCnnWindowsOfOtherLengthsItAcceptsAndRefuseTheRest() {
        driver.close();
        ModelRecord model = ModelRecords.cnnSensors(1, 1);
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.sequences(topics, model.name()).withBatching(3, 50)))
                .modelTrust(ModelRecords.TRUST).build();
        startTopology(config, List.of(model));
        TestInputTopic<String, byte[]> sequences = harness.input(topics.noisySequences());
        TestOutputTopic<String, byte[]> denoisedSequences = harness.output(topics.denoisedSequences());

        sequences.pipeInput("short", codec.encodeFloat32(new Tensor(new int[] {32, 8}, constant(32 * 8, 0.3f))));
        sequences.pipeInput("odd", codec.encodeFloat32(new Tensor(new int[] {30, 8}, constant(30 * 8, 0.3f))));
        sequences.pipeInput("long", codec.encodeFloat32(new Tensor(new int[] {128, 8}, constant(128 * 8, 0.6f))));
        sequences.pipeInput("usual", codec.encodeFloat32(new Tensor(new int[] {64, 8}, constant(64 * 8, 0.6f))));

        List<TestRecord<String, byte[]>> windows = denoisedSequences.readRecordsToList();
        assertThat(windows).extracting(TestRecord::key).containsExactly("short", "long", "usual");
        assertThat(windows).extracting(w -> codec.decodeDetecting(w.value()).shape())
                .containsExactly(new int[] {32, 8}, new int[] {128, 8}, new int[] {64, 8});
        float[] expected = DenoisingModel.load(model).reconstruct(new float[][] {constant(128 * 8, 0.6f)}).outputs()[0];
        assertThat(codec.decodeDetecting(windows.get(1).value()).values()).containsExactly(expected, Offset.offset(1e-6f));
        TestRecord<String, byte[]> odd = deadLetters.readRecord();
        assertThat(odd.key()).isEqualTo("odd");
        assertThat(header(odd.headers(), "denoiser.dlq.reason")).isEqualTo("WRONG_SHAPE");
    }

    /** Serves two 64x8 windows with {@code model} on the sequence topics; returns the denoised records. */
    private List<TestRecord<String, byte[]>> serveSensorWindows(ModelRecord model, int latentSize) {
        driver.close();
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.sequences(topics, model.name()).withBatching(2, 50)))
                .modelTrust(ModelRecords.TRUST).build();
        startTopology(config, List.of(model));
        TestInputTopic<String, byte[]> sequences = harness.input(topics.noisySequences());
        TestOutputTopic<String, byte[]> denoisedSequences = harness.output(topics.denoisedSequences());
        TestOutputTopic<String, byte[]> latentSequences = harness.output(topics.latentSequences());

        sequences.pipeInput("sensor-1", codec.encodeFloat32(new Tensor(new int[] {64, 8}, constant(64 * 8, 0.3f))));
        sequences.pipeInput("sensor-2", codec.encodeFloat32(new Tensor(new int[] {64, 8}, constant(64 * 8, 0.6f))));

        List<TestRecord<String, byte[]>> windows = denoisedSequences.readRecordsToList();
        assertThat(windows).extracting(TestRecord::key).containsExactly("sensor-1", "sensor-2");
        assertThat(codec.decodeDetecting(windows.get(0).value()).shape()).containsExactly(64, 8);
        assertThat(header(windows.get(0).headers(), OutputHeaders.MODEL_NAME)).isEqualTo(model.name());
        assertThat(latentSequences.readValuesToList()).extracting(v -> codec.decodeDetecting(v).shape())
                .containsExactly(new int[] {latentSize}, new int[] {latentSize});
        return windows;
    }

    private static float[] constant(int size, float value) {
        float[] values = new float[size];
        Arrays.fill(values, value);
        return values;
    }

    @Test
    void shouldAcceptJsonAndAChannelDimension() {
        noisy.pipeInput("json", codec.encodeJson(new Tensor(DIGIT, digit(0.1f))));
        noisy.pipeInput("chw", codec.encodeFloat32(new Tensor(new int[] {1, 28, 28}, digit(0.2f))));
        assertThat(denoised.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("json", "chw");
    }

    @Test
    void shouldSwapToANewerModelVersionAndIgnoreOlderOnes() {
        noisy.pipeInput("before", codec.encodeUint8(new Tensor(DIGIT, digit(0.5f))));
        models.pipeInput("cnn-seed", ModelRecords.signed(ModelRecords.cnnSeed(2, 99)));
        noisy.pipeInput("after", codec.encodeUint8(new Tensor(DIGIT, digit(0.5f))));
        models.pipeInput("cnn-seed", ModelRecords.signed(ModelRecords.cnnSeed(1, 5)));
        noisy.pipeInput("after-old", codec.encodeUint8(new Tensor(DIGIT, digit(0.5f))));

        var outputs = denoised.readRecordsToList();
        assertThat(outputs).extracting(r -> OutputHeaders.modelVersion(r.headers())).containsExactly(1L, 2L, 2L);
        assertThat(codec.decodeDetecting(outputs.get(0).value()).values())
                .isNotEqualTo(codec.decodeDetecting(outputs.get(1).value()).values());
    }

    @Test
    void shouldKeepServingWhenAModelRecordIsInvalid() {
        byte[] corrupt = ModelRecords.signed(ModelRecords.cnnSeed(5, 3));
        corrupt[corrupt.length - 1] ^= 0x7f;
        models.pipeInput("cnn-seed", Arrays.copyOf(corrupt, corrupt.length - 8));
        noisy.pipeInput("digit", codec.encodeUint8(new Tensor(DIGIT, digit(0.5f))));
        assertThat(OutputHeaders.modelVersion(denoised.readRecord().headers())).isEqualTo(1);
        assertThat(catalog.currentVersion()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterBadRecordsWithTheReasonAndKeepGoing() {
        noisy.pipeInput("garbage", "not a tensor".getBytes(StandardCharsets.UTF_8));
        noisy.pipeInput("wrong-shape", codec.encodeFloat32(new Tensor(new int[] {27, 27}, new float[27 * 27])));
        noisy.pipeInput("good", codec.encodeUint8(new Tensor(DIGIT, digit(0.5f))));

        var letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(TestRecord::key).containsExactly("garbage", "wrong-shape");
        assertThat(header(letters.get(0).headers(), DeadLetters.REASON)).isEqualTo("UNKNOWN_FORMAT");
        assertThat(header(letters.get(1).headers(), DeadLetters.REASON)).isEqualTo("WRONG_SHAPE");
        assertThat(header(letters.get(1).headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(topics.noisyImages());
        assertThat(header(letters.get(1).headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(letters.get(1).headers(), DeadLetters.PIPELINE)).isEqualTo("images");
        assertThat(letters.get(0).value()).isEqualTo("not a tensor".getBytes(StandardCharsets.UTF_8));
        assertThat(denoised.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("good");
        assertThat(meters.get("denoiser.records.in").tag("pipeline", "images").counter().count()).isEqualTo(3);
        assertThat(meters.get("denoiser.records.out").tag("pipeline", "images").counter().count()).isEqualTo(1);
        assertThat(meters.get("denoiser.records.dead.lettered").tag("reason", "WRONG_SHAPE").counter().count()).isEqualTo(1);
    }

    private static float[] digit(float level) {
        float[] image = new float[784];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 28 > 10 && i % 28 < 18) ? level : 0f;
        }
        return image;
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
