package io.denoiser.embedding;

import io.denoiser.data.Noise;
import io.denoiser.model.Architecture;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.EmbeddingMetadata;
import io.denoiser.model.LatentEmbedding;
import io.denoiser.model.ModelRecord;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a model version the embedding of its own denoised output that its latent records carry: fitted on
 * one noisy copy of clean records, in its parent's space when the parent has one and the alignment holds
 * (so consumers' indexes stay valid across the swap), else in a new space. Only fixed-size grayscale image
 * models get one; a tiled model's outputs have no fixed length to project.
 */
public final class ModelEmbedder {

    private static final Logger LOG = LoggerFactory.getLogger(ModelEmbedder.class);
    private static final int BATCH = 128;
    /** Enough for a stable 784x784 covariance; a larger window only costs the trainer time. */
    static final int MAX_FIT_RECORDS = 10_000;

    private final EmbeddingSettings settings;

    public ModelEmbedder(EmbeddingSettings settings) {
        this.settings = settings;
    }

    /** Whether {@code record}'s design has fixed-size single-channel images to embed. */
    public static boolean embeds(ModelRecord record) {
        int[] shape = record.metadata().inputShape();
        return shape.length == 3 && shape[0] == 1
                && Architecture.fromId(record.metadata().architecture()).tiling().isEmpty();
    }

    /**
     * {@code candidate} with an embedding fitted on {@code clean} noised by {@code noise} (seeded with
     * {@code noiseSeed}), aligned to {@code parent}'s space when it has one; unchanged when it has no fixed image shape.
     */
    public ModelRecord attach(ModelRecord candidate, Optional<ModelRecord> parent, float[][] clean, Noise noise,
                              long noiseSeed) {
        if (!embeds(candidate)) {
            return candidate;
        }
        float[][] noisy = Arrays.stream(evenlySpaced(clean, MAX_FIT_RECORDS)).map(noise::apply).toArray(float[][]::new);
        int rows = candidate.metadata().inputShape()[1];
        int cols = candidate.metadata().inputShape()[2];
        float[][] outputs = outputs(candidate, noisy);
        Optional<ModelRecord> embeddedParent = parent.filter(p -> p.embedding() != null);
        FittedEmbedding fitted = embeddedParent.isPresent()
                ? EmbeddingFit.aligned(outputs, candidate.metadata().architecture(),
                        parentOf(embeddedParent.get(), outputs(embeddedParent.get(), noisy)), rows, cols, settings, noiseSeed)
                : EmbeddingFit.first(outputs, rows, cols, settings, noiseSeed);
        LOG.info("embedding of {} v{}: space {} ({}); residual {}, bit agreement {}", candidate.name(),
                candidate.version(), fitted.spaceId(), fitted.reason(), fitted.residual(), fitted.bitAgreement());
        boolean aligned = fitted.alignedToParent() && fitted.spaceKept();
        EmbeddingMetadata metadata = new EmbeddingMetadata(settings.dimensions(), settings.bits(), fitted.spaceId(),
                aligned ? embeddedParent.get().version() : null, finite(fitted.residual()), finite(fitted.bitAgreement()),
                settings.whitening(), settings.blurSigma(), noisy.length, noiseSeed);
        LatentEmbedding embedding = new LatentEmbedding(metadata, fitted.mean(), fitted.embeddingMatrix(),
                fitted.hashMatrix());
        return new ModelRecord(candidate.metadata().withEmbedding(metadata), candidate.parameters(), embedding);
    }

    /** At most {@code limit} records spread over the whole window, so old and new records both count. */
    static float[][] evenlySpaced(float[][] records, int limit) {
        if (records.length <= limit) {
            return records;
        }
        float[][] picked = new float[limit][];
        for (int i = 0; i < limit; i++) {
            picked[i] = records[(int) ((long) i * records.length / limit)];
        }
        return picked;
    }

    private static float[][] outputs(ModelRecord record, float[][] noisy) {
        try (DenoisingModel model = DenoisingModel.load(record)) {
            return model.reconstructAll(noisy, BATCH).outputs();
        }
    }

    private EmbeddingParent parentOf(ModelRecord parent, float[][] windowOutputs) {
        EmbeddingMetadata stored = parent.embedding().metadata();
        EmbeddingSettings parentSettings = new EmbeddingSettings(stored.dimensions(), stored.bits(),
                stored.whitening() == null ? settings.whitening() : stored.whitening(),
                stored.blurSigma() == null ? settings.blurSigma() : stored.blurSigma(), settings.itqIterations(),
                settings.maxResidual(), settings.minBitAgreement());
        LatentEmbedding embedding = parent.embedding();
        return new EmbeddingParent(stored.space(), parent.metadata().architecture(), parentSettings,
                new EmbeddingProjection(embedding.mean(), embedding.projection(), stored.dimensions(),
                        embedding.hashProjection(), stored.bits()), windowOutputs);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
