package io.denoiser.modeltopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.broker.KafkaClusterExtension;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.model.ModelShape;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Models on a real broker; the tests share one cluster, each on topics of its own. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ModelPublisherIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @Test
    void shouldCarryASixteenMegabyteSignedModelThroughTheModelsTopic() throws Exception {
        // Given a model of over 16 MB
        String topic = KAFKA.cluster().applyShippedApart().models();
        ModelShape shape = new ModelShape(new int[] {28, 28}, new int[] {580});
        long count = Architecture.LSTM.parameterCount(shape);
        float[] parameters = new float[Math.toIntExact(count)];
        Random random = new Random(5);
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = (float) random.nextGaussian() * 0.05f;
        }
        ModelRecord large = new ModelRecord(new ModelMetadata("lstm-large", 7, Architecture.LSTM.id(), shape.input(),
                shape.latent(), count, Map.of(), Map.of(), "2026-11-27T00:00:00Z", null), parameters);
        assertThat(4L * count).isGreaterThan(16_000_000);

        // When it is published and read back
        try (ModelPublisher publisher = new ModelPublisher(KAFKA.cluster().connection().baseProperties(), topic,
                Optional.of(ModelRecords.SIGNING))) {
            publisher.publish(large);
        }
        ModelRecord read = ModelTopicReader.latest(KAFKA.cluster().connection().baseProperties(), topic, "lstm-large",
                ModelRecords.TRUST).orElseThrow();

        // Then every parameter came through
        assertThat(read.version()).isEqualTo(7);
        // Arrays.equals, not containsExactly: AssertJ's element diff is quadratic on 4 million values.
        assertThat(Arrays.equals(read.parameters(), parameters)).isTrue();
    }

    @Test
    void shouldKeepTheNewestReleasesEachUnderItsOwnKeyAndRefuseAReleaseAlreadyPublished() throws Exception {
        // Given more releases than are kept
        String topic = KAFKA.cluster().applyShippedApart().models();
        int published = ModelPublisher.KEPT_RELEASES + 2;
        // When they are published, then the newest again
        try (ModelPublisher publisher = new ModelPublisher(KAFKA.cluster().connection().baseProperties(), topic,
                Optional.of(ModelRecords.SIGNING))) {
            for (int release = 1; release <= published; release++) {
                publisher.publish(ModelRecords.cnnSeed(release, release));
            }

            assertThatThrownBy(() -> publisher.publish(ModelRecords.cnnSeed(published, 99)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already on " + topic);
        }
        ModelHistory history = ModelTopicReader.history(KAFKA.cluster().connection().baseProperties(), topic,
                ModelRecords.TRUST);

        // Then the newest releases stay, each under its own key
        assertThat(history.entries()).extracting(ModelHistory.Entry::key).containsExactly("cnn-seed/3",
                "cnn-seed/4", "cnn-seed/5", "cnn-seed/6", "cnn-seed/7");
        assertThat(history.current("cnn-seed").orElseThrow().version()).isEqualTo(published);
    }
}
