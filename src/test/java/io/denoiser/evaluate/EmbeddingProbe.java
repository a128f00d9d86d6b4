package io.denoiser.evaluate;

import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import io.denoiser.data.Noise;
import io.denoiser.model.Architecture;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.train.HeldOutEvaluation;
import io.denoiser.train.TrainingData;
import io.denoiser.train.TrainingRun;
import io.denoiser.train.TrainingSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Research probe for issue 15 (latent vectors as a product), not part of the product or the test suite: dumps, for
 * numpy, what candidate embedding designs are computed from. For every model: the denoised outputs and bottleneck
 * latents of the 2,000 held-out digits noised exactly as {@code evaluate} noises them (σ = 0.5, seed 1234), and of
 * the 8,000 training digits noised twice with other seeds (two independent noisy copies of every clean digit, as a
 * trainer could draw them from its clean window); plus clean pixels and labels (labels for scoring only).
 *
 * <p>With {@code --v2} it also runs one trainer round on the shipped {@code unet}: the demo's round, one epoch
 * fine-tuned from the parent on the training split with the seed recipe (the round does not resume the parent's
 * learning-rate schedule), and dumps the same arrays for that version 2. With {@code --scratch N} it also trains a
 * {@code unet-s2} from random weights for N epochs with another seed (a harsher "new version" than a fine-tune).
 *
 * <p>Files: {@code NAME.f32} (float32 little-endian, row-major) or {@code NAME.i32}, shapes in {@code shapes.txt}
 * ({@code NAME rows cols}). Run: {@code java -cp target/test-classes:target/kafka-denoiser.jar
 * io.denoiser.evaluate.EmbeddingProbe target/embed --v2}; analysis in {@code docs/probes/embedding_probe.py}.
 */
public final class EmbeddingProbe {

    static final long HELD_OUT_NOISE_SEED = 1234;   // EvaluateCommand's and TrainCommand's held-out seed
    static final long TRAIN_NOISE_SEED_A = 2001;
    static final long TRAIN_NOISE_SEED_B = 2002;
    private static final int BATCH = 128;

    private final Path out;
    private final List<String> shapes = new ArrayList<>();

    private EmbeddingProbe(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/embed");
        List<String> flags = Arrays.asList(args);
        Files.createDirectories(out);
        new EmbeddingProbe(out).run(flags.contains("--v2"),
                flags.contains("--scratch") ? Integer.parseInt(flags.get(flags.indexOf("--scratch") + 1)) : 0);
    }

    private void run(boolean v2, int scratchEpochs) throws IOException {
        TrainingData data = TrainingData.mnistImages(GaussianNoise.DEFAULT_LEVEL);
        MnistDataset training = MnistDataset.bundled().trainingSplit();
        int[] trainLabels = new int[training.size()];
        for (int i = 0; i < trainLabels.length; i++) {
            trainLabels[i] = training.label(i);
        }
        float[][] heldOutNoisy = noisy(data, data.heldOut(), HELD_OUT_NOISE_SEED);
        float[][] trainNoisyA = noisy(data, data.training(), TRAIN_NOISE_SEED_A);
        float[][] trainNoisyB = noisy(data, data.training(), TRAIN_NOISE_SEED_B);
        write("test_clean", data.heldOut());
        write("test_noisy", heldOutNoisy);
        write("test_labels", data.heldOutLabels());
        write("train_clean", data.training());
        write("train_noisyA", trainNoisyA);
        write("train_noisyB", trainNoisyB);
        write("train_labels", trainLabels);
        for (String name : List.of("unet", "cnn-seed", "dense")) {
            dump(name, ShippedModels.load(name), heldOutNoisy, trainNoisyA, trainNoisyB);
        }
        if (v2) {
            ModelRecord parent = ShippedModels.load("unet");
            ModelRecord child = train(data, parent.metadata().architecture(), Optional.of(parent), 1, 43);
            ModelFiles.write(out.resolve("unet-v2.dnm"), child);
            dump("unet-v2", child, heldOutNoisy, trainNoisyA, trainNoisyB);
        }
        if (scratchEpochs > 0) {
            ModelRecord fresh = train(data, "unet-s2", Optional.empty(), scratchEpochs, 7);
            ModelFiles.write(out.resolve("unet-scratch.dnm"), fresh);
            dump("unet-scratch", fresh, heldOutNoisy, trainNoisyA, trainNoisyB);
        }
        Files.write(out.resolve("shapes.txt"), shapes);
    }

    private static ModelRecord train(TrainingData data, String architecture, Optional<ModelRecord> parent, int epochs,
                                     long seed) {
        Architecture design = Architecture.fromId(architecture);
        HeldOutEvaluation heldOut = new HeldOutEvaluation(data.heldOut(), data.noise().apply(HELD_OUT_NOISE_SEED),
                data.recordShape());
        long start = System.nanoTime();
        ModelRecord record = new TrainingRun(TrainingSettings.seedRecipe(epochs, seed), heldOut,
                (epoch, total, loss, psnr, seconds) -> System.out.printf(Locale.ROOT,
                        "  epoch %d/%d loss %.4f held-out PSNR %.2f dB (%.0f s)%n", epoch, total, loss, psnr, seconds))
                .train("unet", design, parent.map(p -> p.metadata().shape()).orElse(design.defaultShape()),
                        parent.map(p -> p.version() + 1).orElse(1L), parent, data);
        System.out.printf(Locale.ROOT, "trained %s (%s, %d epochs, seed %d) in %.0f s: %.2f dB%n",
                parent.isPresent() ? "a fine-tune of unet" : "from scratch", architecture, epochs, seed,
                (System.nanoTime() - start) / 1e9, record.metadata().metrics().get("psnr_db"));
        return record;
    }

    private static float[][] noisy(TrainingData data, float[][] clean, long seed) {
        Noise noise = data.noise().apply(seed);
        return Arrays.stream(clean).map(noise::apply).toArray(float[][]::new);
    }

    private void dump(String name, ModelRecord record, float[][] test, float[][] trainA, float[][] trainB)
            throws IOException {
        long start = System.nanoTime();
        try (DenoisingModel model = DenoisingModel.load(record)) {
            for (var set : List.of(new Object[] {"test", test}, new Object[] {"trainA", trainA},
                    new Object[] {"trainB", trainB})) {
                var result = model.reconstructAll((float[][]) set[1], BATCH);
                write(name + "_" + set[0] + "_out", result.outputs());
                write(name + "_" + set[0] + "_lat", result.latents());
            }
        }
        System.out.printf(Locale.ROOT, "%s v%d (%s): dumped in %.1f s%n", name, record.version(),
                record.metadata().architecture(), (System.nanoTime() - start) / 1e9);
    }

    private void write(String name, float[][] rows) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float v : row) {
                buffer.putFloat(v);
            }
        }
        try (OutputStream stream = Files.newOutputStream(out.resolve(name + ".f32"))) {
            stream.write(buffer.array());
        }
        shapes.add(name + " " + rows.length + " " + rows[0].length + " f32");
    }

    private void write(String name, int[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            buffer.putInt(v);
        }
        Files.write(out.resolve(name + ".i32"), buffer.array());
        shapes.add(name + " " + values.length + " 1 i32");
    }
}
