package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.KafkaClusterExtension;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.data.GaussianNoise;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.quality.ImageQuality;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped photo model on a real broker: three held-out photos of three sizes, grayscale and colour, as a
 * PNG, a tensor and a JPEG, each come back once, in their own size, channels and format, denoised.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PhotoPipelineIT {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoPipelineIT.class);
    private static final double SIGMA = 25 / 255.0;
    private static final double GAIN_DB = 6;
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final TopicNames TOPICS = TopicNames.defaults();

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    /** A clean photo and the noisy record sent for it, as the denoiser decodes that record. */
    private record Sent(String key, Tensor clean, byte[] value, Tensor noisy, TensorFormat format) {
    }

    @TempDir
    Path stateDir;

    private final TensorCodec codec = new TensorCodec(1 << 20);

    @BeforeAll
    static void createTopics() throws Exception {
        KAFKA.cluster().createTopics(Map.of(TOPICS.noisyImages(), 3, TOPICS.denoisedImages(), 3,
                TOPICS.latentVectors(), 3, TOPICS.models(), 1, TOPICS.deadLetters(), 1));
    }

    @Test
    void shouldDenoiseAGrayscalePngAGrayscaleTensorAndAnRgbJpegInTheirOwnSizesExactlyOnce() throws Exception {
        // Given a denoiser with the shipped photo model, and three noisy held-out photos: a PNG, a float32 tensor, an RGB JPEG
        ModelRecord shipped = ShippedModels.load("photo");
        DenoiserConfig config = DenoiserConfig.builder(KAFKA.cluster().connection(), TOPICS, stateDir)
                .pipelines(List.of(Pipeline.images(TOPICS, "photo")))
                .modelTrust(ModelRecords.TRUST).build();
        List<Sent> photos = List.of(
                send("camera", 1, TensorFormat.PNG, new int[] {512, 512}),
                send("coins", 2, TensorFormat.BINARY, new int[] {303, 384}),
                send("coffee", 3, TensorFormat.JPEG, new int[] {3, 400, 600}));
        try (DenoiserApp app = new DenoiserApp(config, new ModelRegistry(List.of(shipped)),
                new DenoiserMetrics(new SimpleMeterRegistry()));
             KafkaProducer<String, byte[]> producer = KAFKA.cluster().producer()) {
            app.start();
            assertThat(app.awaitRunning(TIMEOUT)).isTrue();
            // When they are sent
            photos.forEach(photo -> producer.send(new ProducerRecord<>(TOPICS.noisyImages(), photo.key(), photo.value())));
            producer.flush();

            // Then each comes back once, in its own size, channels and format, 6 dB cleaner, nothing dead-lettered
            List<ConsumerRecord<String, byte[]>> denoised = KAFKA.cluster().readCommitted(List.of(TOPICS.denoisedImages()), 3, TIMEOUT);
            List<ConsumerRecord<String, byte[]>> latents = KAFKA.cluster().readCommitted(List.of(TOPICS.latentVectors()), 3, TIMEOUT);

            assertThat(denoised).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("camera", "coins", "coffee");
            assertThat(latents).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("camera", "coins", "coffee");
            Map<String, ConsumerRecord<String, byte[]>> byKey = denoised.stream()
                    .collect(Collectors.toMap(ConsumerRecord::key, Function.identity()));
            SoftAssertions.assertSoftly(softly -> photos.forEach(photo ->
                    assertDenoised(softly, photo, byKey.get(photo.key()), shipped.version())));
            latents.forEach(latent -> {
                assertThat(codec.decodeDetecting(latent.value()).shape()).containsExactly(96);
                assertThat(OutputHeaders.modelVersion(latent.headers())).isEqualTo(shipped.version());
            });
            assertThat(deadLetterTopicEnd()).as("records ever written to the dead-letter topic").isZero();
        }
    }

    /** The dead-letter partition's high watermark: zero only if nothing, committed or not, was ever written. */
    private static long deadLetterTopicEnd() {
        TopicPartition partition = new TopicPartition(TOPICS.deadLetters(), 0);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KAFKA.cluster().connection().baseProperties(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private void assertDenoised(SoftAssertions softly, Sent photo, ConsumerRecord<String, byte[]> record, long version) {
        softly.assertThat(TensorFormat.detect(record.value())).as(photo.key()).isEqualTo(photo.format());
        softly.assertThat(OutputHeaders.modelVersion(record.headers())).as(photo.key()).isEqualTo(version);
        Tensor output = codec.decodeDetecting(record.value());
        if (!Arrays.equals(output.shape(), photo.clean().shape())) {
            softly.fail("%s came back as %s, sent as %s", photo.key(), Arrays.toString(output.shape()),
                    Arrays.toString(photo.clean().shape()));
            return;
        }
        double noisyPsnr = ImageQuality.psnr(photo.clean().values(), photo.noisy().values());
        double denoisedPsnr = ImageQuality.psnr(photo.clean().values(), output.values());
        LOG.info("{} {}: noisy {} dB, denoised {} dB", photo.key(), Arrays.toString(output.shape()),
                String.format("%.2f", noisyPsnr), String.format("%.2f", denoisedPsnr));
        softly.assertThat(denoisedPsnr).as("%s: PSNR of the output, the noisy input's being %.2f dB", photo.key(), noisyPsnr)
                .isGreaterThanOrEqualTo(noisyPsnr + GAIN_DB);
    }

    /** A held-out photo with Gaussian noise of {@link #SIGMA}, clipped to [0, 1], written in {@code format}. */
    private Sent send(String name, long seed, TensorFormat format, int[] shape) throws IOException {
        Tensor clean = codec.decodeDetecting(bundled(name + ".png"));
        assertThat(clean.shape()).as(name).containsExactly(shape);
        Tensor noisy = new Tensor(clean.shape(), new GaussianNoise(SIGMA, seed).apply(clean.values()));
        byte[] value = format == TensorFormat.BINARY ? codec.encodeFloat32(noisy) : codec.encode(noisy, format);
        return new Sent(name, clean, value, codec.decodeDetecting(value), format);
    }

    private static byte[] bundled(String file) throws IOException {
        try (InputStream in = PhotoPipelineIT.class.getResourceAsStream("/data/photos/held-out/" + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        }
    }
}
