package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.model.ModelRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Input headers passed on to denoised, latent and dead-letter records, and the dead letters' Kafka Streams headers. */
class DenoiserTopologyHeadersTest extends TopologyFixture {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @BeforeEach
    void start() {
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.images(topics, "cnn-seed").withBatching(1, 50))).build();
        startTopology(config, List.of(ModelRecords.cnnSeed(1, 1)));
    }

    @Test
    void shouldPassInputHeadersOnToDenoisedAndLatentRecordsButNotTheServicesOwn() {
        noisy.pipeInput(new TestRecord<>("digit", codec.encodeUint8(new Tensor(new int[] {28, 28}, new float[784])),
                sentHeaders("application/x-denoiser-tensor")));

        for (TestRecord<String, byte[]> output : List.of(denoised.readRecord(), latent.readRecord())) {
            Headers headers = output.headers();
            assertThat(values(headers, "traceparent")).containsExactly(TRACEPARENT);
            assertThat(values(headers, "tenant")).containsExactly("a", "b");
            assertThat(values(headers, TensorFormat.CONTENT_TYPE_HEADER)).containsExactly("application/x-denoiser-tensor");
            assertThat(values(headers, OutputHeaders.MODEL_NAME)).containsExactly("cnn-seed");
            assertThat(names(headers)).noneMatch(name -> name.startsWith("__streams.errors."));
        }
    }

    @Test
    void shouldPassInputHeadersOnToADeadLetterWithItsContentTypeAndKafkaStreamsErrorHeaders() {
        noisy.pipeInput(new TestRecord<>("bad", "{\"shape\":[2]}".getBytes(StandardCharsets.UTF_8),
                sentHeaders("application/json")));

        Headers headers = deadLetters.readRecord().headers();
        assertThat(values(headers, "traceparent")).containsExactly(TRACEPARENT);
        assertThat(values(headers, TensorFormat.CONTENT_TYPE_HEADER)).containsExactly("application/json");
        assertThat(values(headers, DeadLetters.REASON)).containsExactly("UNPARSABLE");
        assertThat(values(headers, "denoiser.model.name")).isEmpty();
        assertThat(values(headers, "__streams.errors.exception"))
                .containsExactly("io.denoiser.codec.InvalidRecordException");
        assertThat(values(headers, "__streams.errors.message")).singleElement().asString().contains("\"shape\" and \"data\"");
        assertThat(values(headers, "__streams.errors.stacktrace")).singleElement().asString()
                .startsWith("io.denoiser.codec.InvalidRecordException");
        assertThat(values(headers, "__streams.errors.topic")).containsExactly(topics.noisyImages());
        assertThat(values(headers, "__streams.errors.partition")).containsExactly("0");
        assertThat(values(headers, "__streams.errors.offset")).containsExactly("0");
    }

    @Test
    void shouldDeadLetterARecordWhoseHeadersExceedTheirLimitWithoutThem() {
        Headers huge = new RecordHeaders().add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8))
                .add("blob", new byte[PassedHeaders.MAX_BYTES]);
        noisy.pipeInput(new TestRecord<>("huge", codec.encodeUint8(new Tensor(new int[] {28, 28}, new float[784])), huge));

        Headers headers = deadLetters.readRecord().headers();
        assertThat(values(headers, DeadLetters.REASON)).containsExactly("OVERSIZE");
        assertThat(values(headers, "traceparent")).isEmpty();
        assertThat(headers.lastHeader("blob")).isNull();
        assertThat(denoised.isEmpty()).isTrue();
    }

    /** What a producer sends: a trace context, a repeated header, and headers in the service's own namespaces. */
    private static Headers sentHeaders(String contentType) {
        return new RecordHeaders()
                .add(TensorFormat.CONTENT_TYPE_HEADER, contentType.getBytes(StandardCharsets.UTF_8))
                .add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8))
                .add("tenant", "a".getBytes(StandardCharsets.UTF_8))
                .add("tenant", "b".getBytes(StandardCharsets.UTF_8))
                .add(OutputHeaders.MODEL_NAME, "forged".getBytes(StandardCharsets.UTF_8))
                .add("__streams.errors.exception", "forged".getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> values(Headers headers, String name) {
        return StreamSupport.stream(headers.headers(name).spliterator(), false)
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).toList();
    }

    private static List<String> names(Headers headers) {
        return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
    }
}
