package io.denoiser.cli;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.data.BundledPhotos;
import io.denoiser.data.ImageFiles;
import io.denoiser.evaluate.EvaluationPictures;
import io.denoiser.evaluate.ModelEvaluation;
import io.denoiser.evaluate.PhotoEvaluation;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.ModelHistory;
import io.denoiser.modeltopic.ModelTopicReader;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.plot.VersionHistoryPlot;
import io.denoiser.quality.QualityScores;
import io.denoiser.train.HeldOutEvaluation;
import io.denoiser.train.TrainingData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: a model against the noisy input and the median baseline, with pictures. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model (shipped, a file, or the newest on the models topic) on held-out data: MSE, PSNR "
                + "and SSIM of noisy input, median baseline and model, per class (for a photo model: per photo and noise "
                + "level, with side-by-side crops); pictures in --out.")
public final class EvaluateCommand implements Callable<Integer> {

    /** The photos bundled to judge photo models, never trained on; a photo model's default data set. */
    private static final String HELD_OUT_PHOTOS = "held-out-photos";

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ModelTrustOptions modelTrust;

    @Option(names = "--model", defaultValue = DenoiserConfig.DEFAULT_IMAGE_MODEL,
            description = "Shipped model name, or the model name to read with --from-topic (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--model-file", converter = ExistingFileConverter.class, description = "Evaluate this model file.")
    Path modelFile;

    @Option(names = "--from-topic", description = "Evaluate the newest valid version of --model on the models topic.")
    boolean fromTopic;

    @Option(names = "--versions", description = "Evaluate every trusted version of --model still on the models "
            + "topic, in publication order, and plot its PSNR per version (versions-psnr.png in --out).")
    boolean versions;

    @Option(names = "--dataset", description = "mnist, mnist-rows, sensors or csv:FILE; for a photo model "
            + HELD_OUT_PHOTOS + " or images:DIR (PNG/JPEG files of any size, read as grayscale luminance) "
            + "(default: from the model's input shape; " + HELD_OUT_PHOTOS + " for a photo model).")
    String dataset;

    @Option(names = "--noise", defaultValue = "0.5",
            description = "Gaussian noise level for MNIST data; photo models take --sigma (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--sigma", split = ",", defaultValue = "5,15,25,50",
            description = "Photo models: Gaussian noise levels in 8-bit units, each scored on its own: 25 adds noise "
                    + "of standard deviation 25/255, clipped to [0, 1] (default: ${DEFAULT-VALUE}).")
    double[] sigmas;

    @Option(names = "--window-length",
            description = "Sensor and CSV window length in steps (default: the sequence model's own steps).")
    Integer windowLength;

    @Option(names = "--stride", defaultValue = "16", description = "CSV window stride (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--out", defaultValue = "out/evaluate", description = "Directory for the pictures (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report", description = "Write the scores as JSON to this file.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (versions) {
            return evaluateVersions();
        }
        ModelRecord model = load();
        if (Architecture.fromId(model.metadata().architecture()).tiling().isPresent()) {
            return evaluatePhotos(model);
        }
        TrainingData data = dataFor(model);
        ModelEvaluation.Outcome outcome = ModelEvaluation.run(model, data, HeldOutEvaluation.NOISE_SEED);
        out().printf("%s v%d (%s) on %s, %d held-out records%n%n", model.name(), model.version(),
                model.metadata().architecture(), data.name(), outcome.table().overall().n());
        out().print(outcome.table().render());
        outcome.search().ifPresent(search -> out().printf("%n%s%n", search.describe()));
        EvaluationPictures.write(out, outcome).forEach(file -> out().println("wrote " + file));
        if (report != null) {
            JsonReports.write(report, outcome.report());
        }
        return 0;
    }

    /** Whole photos through the tiled model at every --sigma: a table per level, crops and the report. */
    private int evaluatePhotos(ModelRecord model) throws IOException {
        if (spec.commandLine().getParseResult().hasMatchedOption("--noise")) {
            throw new IllegalArgumentException("a photo model is evaluated at --sigma levels (8-bit units), not --noise");
        }
        String name = dataset != null ? dataset : HELD_OUT_PHOTOS;
        PhotoEvaluation.Outcome outcome = PhotoEvaluation.run(model, name, photos(name), sigmas, HeldOutEvaluation.NOISE_SEED);
        out().printf("%s v%d (%s) on %s, noise seed %d%n%n", model.name(), model.version(),
                model.metadata().architecture(), name, HeldOutEvaluation.NOISE_SEED);
        outcome.levels().forEach(level -> out().println(level.render()));
        List<Path> crops = outcome.writeCrops(out);
        out().printf("wrote %d crops (clean | noisy | median | model) to %s%n", crops.size(), out.resolve("sigma-*"));
        if (report != null) {
            JsonReports.write(report, outcome.report());
            out().println("wrote " + report);
        }
        return 0;
    }

    private static List<ImageFiles.Photo> photos(String name) throws IOException {
        if (name.equals(HELD_OUT_PHOTOS)) {
            return BundledPhotos.heldOut();
        }
        if (name.startsWith("images:")) {
            return ImageFiles.readDirectory(Path.of(name.substring("images:".length())));
        }
        throw new IllegalArgumentException("a photo model is evaluated on " + HELD_OUT_PHOTOS + " or images:DIR, not '"
                + name + "'");
    }

    private int evaluateVersions() throws Exception {
        ModelHistory history = ModelTopicReader.history(kafka.reachableConnection().baseProperties(),
                kafka.topics().models(), modelTrust.trust());
        List<ModelRecord> published = history.entries().stream().map(ModelHistory.Entry::trusted)
                .filter(r -> r != null && r.name().equals(modelName)).toList();
        if (published.isEmpty()) {
            throw new IllegalArgumentException("no trusted version of " + modelName + " on the models topic");
        }
        TrainingData data = dataFor(published.get(0));
        List<QualityScores> scores = published.stream()
                .map(record -> ModelEvaluation.run(record, data, HeldOutEvaluation.NOISE_SEED).table().overall()).toList();
        List<VersionHistoryPlot.Point> points = new ArrayList<>();
        out().printf("%-8s %-8s %9s%n", "release", "version", "psnr_db");
        for (int i = 0; i < published.size(); i++) {
            ModelRecord record = published.get(i);
            double psnrDb = scores.get(i).model().psnrDb();
            points.add(new VersionHistoryPlot.Point(record.metadata().releaseOrder(), record.version(), psnrDb));
            out().printf(Locale.ROOT, "%-8d %-8d %9.2f%n", record.metadata().releaseOrder(), record.version(), psnrDb);
        }
        // Every version is scored on the same noisy inputs, so the baselines are the same in every score.
        QualityScores baselines = scores.get(0);
        out().printf(Locale.ROOT, "noisy input %.2f dB, median baseline %.2f dB on %s%n",
                baselines.noisy().psnrDb(), baselines.median().psnrDb(), data.name());
        Path plot = out.resolve("versions-psnr.png");
        VersionHistoryPlot.writePng(plot, modelName, points, baselines.noisy().psnrDb(), baselines.median().psnrDb());
        out().println("wrote " + plot);
        return 0;
    }

    private TrainingData dataFor(ModelRecord model) throws IOException {
        int length = windowLength != null ? windowLength : model.metadata().inputShape()[0];
        return TrainingData.named(dataset != null ? dataset : defaultDataset(model), noise, length, stride);
    }

    private ModelRecord load() throws Exception {
        if (modelFile != null) {
            return ModelFiles.read(modelFile);
        }
        if (fromTopic) {
            return ModelTopicReader.latest(kafka.reachableConnection().baseProperties(), kafka.topics().models(),
                    modelName, modelTrust.trust())
                    .orElseThrow(() -> new IllegalStateException("no valid version of " + modelName + " on the models topic"));
        }
        return ShippedModels.load(modelName);
    }

    private static String defaultDataset(ModelRecord model) {
        if (!Architecture.fromId(model.metadata().architecture()).readsSequences()) {
            return "mnist";
        }
        return Arrays.equals(model.metadata().inputShape(), new int[] {28, 28}) ? "mnist-rows" : "sensors";
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
