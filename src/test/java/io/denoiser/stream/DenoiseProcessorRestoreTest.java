package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.LatentChoice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Records left in a task's buffer by a crash, restored by the processor that runs the task next. */
class DenoiseProcessorRestoreTest {

    private static final int[] DIGIT = {28, 28};
    private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private final TensorCodec codec = new TensorCodec(1 << 20);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Integer> passSizes = new ArrayList<>();

    private ProcessorFixture task(int batchSize) {
        ThreadLocal<ThreadBatch> threadBatch = ThreadLocal.withInitial(() -> new ThreadBatch(InferenceWorker.inline(),
                (model, inputs, shapes) -> {
                    passSizes.add(inputs.length);
                    return model.reconstruct(inputs, shapes);
                }, LatentChoice.EMBEDDING, InferenceEngineKind.defaultKind()));
        ProcessorFixture task = new ProcessorFixture(Pipeline.images(TopicNames.defaults(), "cnn-seed").withBatching(batchSize, 50), 0,
                threadBatch, meters);
        task.processor.init(task.context);
        return task;
    }

    @Test
    void shouldDecodeARestoredRecordByTheContentTypeItWasSentWithAsBeforeTheCrash() {
        // JSON behind a byte-order mark: only its content-type header says it is JSON.
        byte[] json = concat(UTF8_BOM, codec.encode(new Tensor(DIGIT, digit(0.3f)), TensorFormat.JSON));
        Record<String, byte[]> sent = new Record<>("declared-json", json, 0L, new RecordHeaders().add(
                TensorFormat.CONTENT_TYPE_HEADER, "application/json".getBytes(StandardCharsets.UTF_8)));
        ProcessorFixture live = task(2);
        live.process(sent);
        live.punctuate(100);
        ProcessorFixture restored = task(2);
        restored.process(sent);
        restored.restart();
        restored.punctuate(100);

        assertThat(restored.forwardedKeys(restored.nodes.deadLetterSink())).isEmpty();
        CapturedForward<? extends String, ? extends byte[]> expected = single(live, live.nodes.denoisedSink());
        CapturedForward<? extends String, ? extends byte[]> actual = single(restored, restored.nodes.denoisedSink());
        assertThat(actual.record().key()).isEqualTo("declared-json");
        assertThat(actual.record().value()).isEqualTo(expected.record().value());
        assertThat(actual.record().headers().lastHeader(TensorFormat.CONTENT_TYPE_HEADER).value())
                .isEqualTo("application/json".getBytes(StandardCharsets.UTF_8));
        assertThat(restored.buffered()).isZero();
    }

    @Test
    void shouldPassARestoredRecordsInputHeadersOnToItsOutputs() {
        Record<String, byte[]> sent = new Record<>("traced", codec.encodeUint8(new Tensor(DIGIT, digit(0.3f))), 0L,
                new RecordHeaders().add("traceparent", "00-4bf92f-00f067-01".getBytes(StandardCharsets.UTF_8)));
        ProcessorFixture task = task(2);
        task.process(sent);
        task.restart();
        task.punctuate(100);

        for (String sink : List.of(task.nodes.denoisedSink(), task.nodes.latentSink())) {
            assertThat(single(task, sink).record().headers().lastHeader("traceparent").value())
                    .isEqualTo("00-4bf92f-00f067-01".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldRestoreMoreBufferedRecordsThanABatchHoldsInPassesOfAtMostTheBatchSize() {
        // A task's buffer outgrows a batch while passes run behind the stream thread, or when the batch size
        // is lowered between two runs.
        ProcessorFixture task = task(4);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            keys.add("digit-" + i);
            task.buffer.put((long) i, new BufferedRecord("digit-" + i, codec.encodeUint8(new Tensor(DIGIT,
                    digit(0.1f * i))), 0L, ProcessorFixture.INPUT_TOPIC, 0, i, List.of()).toBytes());
        }

        task.restart();
        task.punctuate(100);

        assertThat(passSizes).containsExactly(4, 4, 1);
        assertThat(task.forwardedKeys(task.nodes.denoisedSink())).containsExactlyElementsOf(keys);
        assertThat(task.buffered()).isZero();
    }

    private static CapturedForward<? extends String, ? extends byte[]> single(ProcessorFixture task, String sink) {
        assertThat(task.context.forwarded(sink)).hasSize(1);
        return task.context.forwarded(sink).get(0);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static float[] digit(float corner) {
        float[] image = new float[784];
        image[0] = corner;
        return image;
    }
}
