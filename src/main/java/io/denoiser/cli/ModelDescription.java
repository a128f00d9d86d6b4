package io.denoiser.cli;

import io.denoiser.data.Normalization;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelRecordCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client needs to know of a model to produce records for it and read what it writes, as a JSON-ready
 * map: its identity, the input it takes and how values are scaled, its latent vector, and the SHA-256 of
 * the record that signatures cover.
 */
final class ModelDescription {

    private ModelDescription() {
    }

    static Map<String, Object> of(ModelRecord model) {
        ModelMetadata metadata = model.metadata();
        Architecture architecture = Architecture.fromId(metadata.architecture());
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", metadata.name());
        description.put("version", metadata.version());
        description.put("release", metadata.releaseOrder());
        description.put("architecture", metadata.architecture());
        description.put("createdAt", metadata.createdAt());
        description.put("parameterCount", metadata.parameterCount());
        description.put("input", input(metadata, architecture));
        description.put("normalization", normalization(metadata, architecture));
        description.put("latent", latent(metadata));
        description.put("embedding", metadata.embedding());
        description.put("metrics", metadata.metrics());
        description.put("recordSha256", sha256(ModelRecordCodec.encode(model)));
        return description;
    }

    private static Map<String, Object> input(ModelMetadata metadata, Architecture architecture) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("shape", metadata.inputShape());
        input.put("kind", architecture.readsSequences() ? "sequence" : "image");
        // A tiled model takes images of any size; its input shape is only the size it trained on.
        input.put("anyImageSize", architecture.tiling().isPresent());
        return input;
    }

    /** How producers scale values: min-max per feature for a model trained on CSV columns, else [0, 1] as they are. */
    private static Map<String, Object> normalization(ModelMetadata metadata, Architecture architecture) {
        Map<String, Object> normalization = new LinkedHashMap<>();
        Object fitted = metadata.training() == null ? null : metadata.training().get("normalization");
        if (fitted instanceof Map<?, ?> map) {
            Normalization perFeature = Normalization.fromMap(stringKeys(map));
            normalization.put("kind", "min-max");
            normalization.put("columns", perFeature.columns());
            normalization.put("min", perFeature.min());
            normalization.put("max", perFeature.max());
            normalization.put("rule", "feature f of each step: (x - min[f]) / (max[f] - min[f]), clamped to [0, 1]; "
                    + "0.5 where min[f] = max[f]; outputs invert it as min[f] + y * (max[f] - min[f])");
            return normalization;
        }
        normalization.put("kind", "unit");
        normalization.put("rule", architecture.readsSequences()
                ? "values in [0, 1] as the model's training data: no scaling recorded"
                : "pixel values in [0, 1]: 8-bit pixels divided by 255");
        return normalization;
    }

    private static Map<String, Object> latent(ModelMetadata metadata) {
        int[] bottleneck = metadata.latentShape();
        Map<String, Object> latent = new LinkedHashMap<>();
        latent.put("published", metadata.embedding() == null ? "bottleneck" : "embedding");
        latent.put("size", metadata.embedding() == null ? size(bottleneck) : metadata.embedding().dimensions());
        latent.put("bottleneckShape", bottleneck);
        latent.put("bottleneckSize", size(bottleneck));
        latent.put("bottleneckLayout", bottleneck.length > 1 ? "channel-major" : "vector");
        return latent;
    }

    private static long size(int[] shape) {
        return Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
