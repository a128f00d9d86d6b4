package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.TopicNames;
import io.denoiser.data.BundledPhotos;
import io.denoiser.data.ImageFiles;
import io.denoiser.embedding.EmbeddingSettings;
import io.denoiser.evaluate.SmoothPhotos;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.model.PhotoModelRecords;
import io.denoiser.modeltopic.ModelPublisher;
import io.denoiser.topics.TopicApplier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PhotoTrainerServiceIT {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final String MODEL = "photo-it";
    private static final PhotoSettings PATCHES = new PhotoSettings(32, 16, 50.0 / 255, 1);

    @Test
    void shouldTrainAPhotoModelOnPatchesOfCleanImagesOfAnySizeFromTheTopic(@TempDir Path dir) throws Exception {
        // images:DIR supplies only the held-out patches here: one 128x96 photo, whose bottom strip gives 3
        // Given a held-out photo, photo-it v1 on the models topic and four clean images of different sizes on the clean topic
        SmoothPhotos.writePng(dir, SmoothPhotos.photo("held-out.png", 128, 96));
        TrainingData data = TrainingData.named("images:" + dir, 0.5, 1, 1, PATCHES);
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            TopicApplier.applyShipped(cluster.connection(), TOPICS, Optional.of((short) 1));
            try (ModelPublisher publisher = new ModelPublisher(cluster.connection().baseProperties(), TOPICS.models(),
                    Optional.of(ModelRecords.SIGNING))) {
                publisher.publish(PhotoModelRecords.randomWeights(MODEL, 1, 9));
            }
            sendCleanImages(cluster);
            TrainerConfig config = new TrainerConfig(cluster.connection(), TOPICS, MODEL, Architecture.PHOTO_UNET, data,
                    Duration.ZERO, 0, new TrainingSettings(1, 8, 0.5, 3, 0), 1000, TrainerConfig.DEFAULT_WINDOW_ELEMENTS,
                    PATCHES, false, Optional.of(new EvaluationGate(-50)), Optional.of(ModelRecords.SIGNING),
                    EmbeddingSettings.recommended());

            // When a trainer round runs on 32x32 patches with a gate that passes anything
            ModelRecord published;
            try (TrainerService trainer = new TrainerService(config, new TrainerMetrics(new SimpleMeterRegistry()))) {
                published = trainer.runRound();
            }

            // Then v2 is published, trained on 16 patches of the 3 images large enough, with the window's size recorded
            assertThat(published.version()).isEqualTo(2);
            assertThat(published.metadata().architecture()).isEqualTo("photo-unet");
            assertThat(published.metadata().training()).containsEntry("parent_version", 1L)
                    .containsEntry("samples", 16)
                    .hasEntrySatisfying("dataset", d -> assertThat(d.toString())
                            .contains("clean topic window (3 images, 16 random 32x32 patches of them)"));
            assertThat(published.metadata().training().get("window")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("topic", TOPICS.cleanImages()).containsEntry("samples", 3)
                    .containsEntry("values", 150L * 200 + 70 * 90 + 3 * 40 * 48);
        }
    }

    /** A PNG and two float32 tensors (one RGB) of different sizes, and a PNG too small for a patch, which is skipped. */
    private static void sendCleanImages(TestKafkaCluster cluster) {
        TensorCodec codec = new TensorCodec(1 << 22);
        ImageFiles.Photo brick = BundledPhotos.training().get(0);
        try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
            producer.send(new ProducerRecord<>(TOPICS.cleanImages(), "png",
                    codec.encode(crop(brick, 150, 200), TensorFormat.PNG)));
            producer.send(new ProducerRecord<>(TOPICS.cleanImages(), "too-small",
                    codec.encode(crop(brick, 20, 20), TensorFormat.PNG)));
            producer.send(new ProducerRecord<>(TOPICS.cleanImages(), "tensor",
                    codec.encodeFloat32(new Tensor(new int[] {1, 70, 90}, crop(brick, 70, 90).values()))));
            float[] rgb = new float[3 * 40 * 48];
            for (int channel = 0; channel < 3; channel++) {
                System.arraycopy(crop(brick, 40, 48).values(), 0, rgb, channel * 40 * 48, 40 * 48);
            }
            producer.send(new ProducerRecord<>(TOPICS.cleanImages(), "rgb",
                    codec.encodeFloat32(new Tensor(new int[] {3, 40, 48}, rgb))));
        }
    }

    private static Tensor crop(ImageFiles.Photo photo, int height, int width) {
        float[] values = new float[height * width];
        for (int y = 0; y < height; y++) {
            System.arraycopy(photo.values(), y * photo.width(), values, y * width, width);
        }
        return new Tensor(new int[] {height, width}, values);
    }
}
