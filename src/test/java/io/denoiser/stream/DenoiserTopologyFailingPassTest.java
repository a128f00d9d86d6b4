package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.denoiser.codec.Tensor;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Forward passes that fail: for chosen records (a RuntimeException) or with an Error, once or for good. */
class DenoiserTopologyFailingPassTest extends TopologyFixture {

    private static final int[] DIGIT = {28, 28};
    /** The first value of a record the failing pass refuses; a digit's corner is 0 otherwise. */
    private static final float POISON = 0.5f;

    private final AtomicInteger passes = new AtomicInteger();

    /** Forward passes run {@code pass} on the test's thread, counted in {@link #passes}. */
    private void start(int batchSize, ForwardPass pass) {
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.images(topics, "cnn-seed").withBatching(batchSize, 50)))
                .modelTrust(ModelRecords.TRUST).build();
        startTopology(new TopologyHarness(config, List.of(ModelRecords.cnnSeed(1, 1)), meters,
                InferenceWorkers.callingThread((model, inputs, shapes) -> {
                    passes.incrementAndGet();
                    return pass.run(model, inputs, shapes);
                })));
    }

    @Test
    void shouldDeadLetterOnlyTheRecordThatFailsOnItsOwnAndDenoiseTheRestOfItsBatch() {
        start(8, (model, inputs, shapes) -> {
            if (Stream.of(inputs).anyMatch(input -> input[0] == POISON)) {
                throw new IllegalStateException("the pass cannot take a poisoned record");
            }
            return model.reconstruct(inputs, shapes);
        });
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean poisoned = i == 5;
            noisy.pipeInput(poisoned ? "poisoned" : "good-" + i, digit(poisoned ? POISON : 0.05f * i));
            if (!poisoned) {
                good.add("good-" + i);
            }
        }

        List<TestRecord<String, byte[]>> outputs = denoised.readRecordsToList();
        assertThat(outputs).extracting(TestRecord::key).containsExactlyElementsOf(good);
        try (DenoisingModel alone = DenoisingModel.load(ModelRecords.cnnSeed(1, 1))) {
            for (TestRecord<String, byte[]> output : outputs) {
                int i = Integer.parseInt(output.key().substring("good-".length()));
                float[] input = codec.decodeDetecting(digit(0.05f * i)).values();
                assertThat(codec.decodeDetecting(output.value()).values()).as(output.key())
                        .containsExactly(alone.reconstruct(new float[][] {input}).outputs()[0], Offset.offset(1e-5f));
            }
        }
        List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(TestRecord::key).containsExactly("poisoned");
        assertThat(header(letters.get(0), DeadLetters.REASON)).isEqualTo("MODEL_FAILURE");
        assertThat(header(letters.get(0), DeadLetters.EXCEPTION_MESSAGE)).isEqualTo("the pass cannot take a poisoned record");
    }

    @Test
    void shouldRetryAPassThatThrowsAnErrorAndDenoiseItsRecordsWhenARetrySucceeds() {
        start(1, (model, inputs, shapes) -> {
            if (passes.get() == 1) {
                throw new OutOfMemoryError("simulated: direct buffer memory");
            }
            return model.reconstruct(inputs, shapes);
        });

        noisy.pipeInput("digit", digit(0f));

        assertThat(denoised.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("digit");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(passes).hasValue(2);
    }

    @Test
    void shouldStopRetryingAPassThatKeepsThrowingAnErrorAndFailTheStreamThreadWithAClearMessage() {
        start(1, (model, inputs, shapes) -> {
            throw new OutOfMemoryError("simulated: direct buffer memory");
        });

        noisy.pipeInput("digit", digit(0f));
        Throwable failure = catchThrowable(() -> noisy.pipeInput("next", digit(0f)));

        assertThat(passes).hasValue(4);
        assertThat(Stream.iterate(failure, Objects::nonNull, Throwable::getCause).map(Throwable::getMessage))
                .anySatisfy(message -> assertThat(message).contains("failed 4 times", "OutOfMemoryError"));
        assertThat(denoised.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private byte[] digit(float corner) {
        float[] image = new float[784];
        image[0] = corner;
        return codec.encodeFloat32(new Tensor(DIGIT, image));
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
