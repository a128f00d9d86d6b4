package io.denoiser.model;

import io.denoiser.modeltopic.ModelRecordCodec;
import io.denoiser.modeltopic.ModelSignature;
import io.denoiser.modeltopic.ModelTrust;
import io.denoiser.modeltopic.SigningKeys;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

/** Model records for tests: real networks with random weights. */
public final class ModelRecords {

    /** The key tests sign topic records with, and the trust that accepts exactly that key. */
    public static final KeyPair SIGNING = SigningKeys.generate();
    public static final ModelTrust TRUST = ModelTrust.of(List.of(SIGNING.getPublic()), false);

    private ModelRecords() {
    }

    /** {@code record} encoded and signed with {@link #SIGNING}, as the trainer publishes it. */
    public static byte[] signed(ModelRecord record) {
        return ModelSignature.sign(ModelRecordCodec.encode(record), SIGNING);
    }

    public static ModelMetadata metadata(long version) {
        Architecture architecture = Architecture.CNN_SEED;
        ModelShape shape = architecture.defaultShape();
        return new ModelMetadata("cnn-seed", version, architecture.id(), shape.input(),
                shape.latent(), architecture.parameterCount(shape), Map.of("dataset", "test"),
                Map.of("psnr_db", 10.0), "2026-11-26T00:00:00Z", null);
    }

    /** A valid lstm record (28 steps x 28 features, hidden 64) whose weights come from {@code seed}. */
    public static ModelRecord lstm(long version, long seed) {
        return freshlyInitialised("lstm", Architecture.LSTM, version, seed);
    }

    /** A valid lstm record of windows of {@code steps} x {@code features} (hidden 64), weights from {@code seed}. */
    public static ModelRecord lstm(long version, long seed, int steps, int features) {
        ModelShape shape = new ModelShape(new int[] {steps, features}, new int[] {64});
        float[] parameters = Architecture.LSTM.newNetwork(seed, shape).parameters();
        return new ModelRecord(new ModelMetadata("lstm", version, Architecture.LSTM.id(), shape.input(), shape.latent(),
                parameters.length, Map.of("dataset", "test"), Map.of(), "2026-11-26T00:00:00Z", null), parameters);
    }

    /** A valid lstm-skip record named lstm-sensors (64 steps x 8 features, hidden 64) whose weights come from {@code seed}. */
    public static ModelRecord lstmSkip(long version, long seed) {
        return freshlyInitialised("lstm-sensors", Architecture.LSTM_SKIP, version, seed);
    }

    /** A valid cnn1d record named cnn-sensors (64 steps x 8 features, latent 128) whose weights come from {@code seed}. */
    public static ModelRecord cnnSensors(long version, long seed) {
        return freshlyInitialised("cnn-sensors", Architecture.CNN1D, version, seed);
    }

    /** A valid photo-unet record named photo (tiled, any image size, latent [96]) whose weights come from {@code seed}. */
    public static ModelRecord photoUnet(long version, long seed) {
        return freshlyInitialised("photo", Architecture.PHOTO_UNET, version, seed);
    }

    private static ModelRecord freshlyInitialised(String name, Architecture architecture, long version, long seed) {
        ModelShape shape = architecture.defaultShape();
        float[] parameters = architecture.newNetwork(seed, shape).parameters();
        return new ModelRecord(new ModelMetadata(name, version, architecture.id(), shape.input(), shape.latent(),
                parameters.length, Map.of("dataset", "test"), Map.of(), "2026-11-26T00:00:00Z", null), parameters);
    }

    /**
     * An lstm record that passes every check of the codec but that no thread can run: windows of 4096 x 4096
     * values, 16 times the largest record a pipeline accepts by default and 8 GB a batch of 128 (hidden size 1
     * keeps the record itself small).
     */
    public static ModelRecord unloadableLstm(long version) {
        return unloadableLstm("lstm", version);
    }

    /** {@link #unloadableLstm(long)} under the name {@code name}: for a pipeline that accepts shape changes. */
    public static ModelRecord unloadableLstm(String name, long version) {
        Architecture architecture = Architecture.LSTM;
        ModelShape shape = new ModelShape(new int[] {4096, 4096}, new int[] {1});
        float[] parameters = new float[Math.toIntExact(architecture.parameterCount(shape))];
        return new ModelRecord(new ModelMetadata(name, version, architecture.id(), shape.input(), shape.latent(),
                parameters.length, Map.of("dataset", "test"), Map.of(), "2026-11-26T00:00:00Z", null), parameters);
    }

    /** A valid cnn-seed record whose weights come from {@code seed}. */
    public static ModelRecord cnnSeed(long version, long seed) {
        return new ModelRecord(metadata(version), Architecture.CNN_SEED.newNetwork(seed).parameters());
    }

    /**
     * {@code record} carrying a hand-made embedding whose results are known exactly: μ = 0, embedding value j is
     * pixel j (so e is the output's first {@code dimensions} values) and hash bit k is set when pixel 2k is
     * brighter than pixel 2k + 1.
     */
    public static ModelRecord withPixelEmbedding(ModelRecord record, String space, int dimensions, int bits) {
        int n = record.metadata().shape().inputSize();
        EmbeddingMetadata info = new EmbeddingMetadata(dimensions, bits, space, null, null, null, 0.25, 1.0, 100, 5L);
        float[] projection = new float[n * dimensions];
        for (int j = 0; j < dimensions; j++) {
            projection[j * dimensions + j] = 1;
        }
        float[] hash = new float[n * bits];
        for (int k = 0; k < bits; k++) {
            hash[2 * k * bits + k] = 1;
            hash[(2 * k + 1) * bits + k] = -1;
        }
        ModelMetadata m = record.metadata();
        ModelMetadata metadata = new ModelMetadata(m.name(), m.version(), m.architecture(), m.inputShape(),
                m.latentShape(), m.parameterCount(), m.training(), m.metrics(), m.createdAt(), m.release(), info);
        return new ModelRecord(metadata, record.parameters(), new LatentEmbedding(info, new float[n], projection, hash));
    }

    /** What {@link #withPixelEmbedding}'s embedding gives for {@code output}: its first values, and its hash. */
    public static long pixelHash(float[] output, int bits) {
        long hash = 0;
        for (int k = 0; k < bits; k++) {
            if (output[2 * k] > output[2 * k + 1]) {
                hash |= 1L << k;
            }
        }
        return hash;
    }
}
