package io.denoiser.cli;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.ModelFileList;
import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.config.PipelinesFile;
import io.denoiser.metrics.MetricsServer;
import io.denoiser.metrics.ProcessMetrics;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.LatentChoice;
import io.denoiser.model.NativeRuntime;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.stream.DenoiserApp;
import io.denoiser.stream.DenoiserService;
import io.denoiser.stream.DenoiserTopology;
import io.denoiser.stream.ModelCatalog;
import io.denoiser.stream.ModelSources;
import io.denoiser.topics.ApplyReport;
import io.denoiser.topics.PipelineTopics;
import io.denoiser.topics.TopicApplier;
import io.denoiser.topics.TopicCatalog;
import io.denoiser.topics.TopicSizeCheck;
import io.denoiser.modeltopic.ModelHistory;
import io.denoiser.modeltopic.ModelTopicReader;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: the denoiser service. Runs until stopped (SIGTERM closes it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the denoiser: noisy images in, denoised images and latent vectors out.")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicFilesOption topicFiles;

    @Mixin
    ModelTrustOptions modelTrust;

    @Option(names = "--application-id", defaultValue = "${env:DENOISER_APPLICATION_ID:-" + DenoiserConfig.DEFAULT_APPLICATION_ID + "}",
            description = "Kafka Streams application id (env DENOISER_APPLICATION_ID; default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--pipelines", split = ",", defaultValue = "${env:DENOISER_PIPELINES:-" + DenoiserConfig.DEFAULT_PIPELINES + "}",
            description = "Pipelines to run: images, sequences (env DENOISER_PIPELINES; default: ${DEFAULT-VALUE}).")
    List<String> pipelines;

    @Option(names = "--image-model", defaultValue = "${env:DENOISER_IMAGE_MODEL:-" + DenoiserConfig.DEFAULT_IMAGE_MODEL + "}",
            description = "Model for the images pipeline; its shipped version serves until the models topic has one "
                    + "(env DENOISER_IMAGE_MODEL; default: ${DEFAULT-VALUE}).")
    String imageModel;

    @Option(names = "--sequence-model", defaultValue = "${env:DENOISER_SEQUENCE_MODEL:-" + DenoiserConfig.DEFAULT_SEQUENCE_MODEL + "}",
            description = "Model for the sequences pipeline (env DENOISER_SEQUENCE_MODEL; default: ${DEFAULT-VALUE}).")
    String sequenceModel;

    @Option(names = "--batch-size", defaultValue = "${env:DENOISER_BATCH_SIZE:-" + Pipeline.DEFAULT_BATCH_SIZE + "}",
            description = "Records per forward pass at most (env DENOISER_BATCH_SIZE; default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-wait-ms", defaultValue = "${env:DENOISER_MAX_WAIT_MS:-" + Pipeline.DEFAULT_MAX_WAIT_MS + "}",
            description = "Longest a record waits for its batch to fill (env DENOISER_MAX_WAIT_MS; default: ${DEFAULT-VALUE}).")
    long maxWaitMs;

    @Option(names = "--output-format", defaultValue = "${env:DENOISER_OUTPUT_FORMAT:-" + OutputFormat.DEFAULT_ID + "}",
            converter = OutputFormatConverter.class, completionCandidates = OutputFormatConverter.class,
            description = "Format of denoised records: ${COMPLETION-CANDIDATES} "
                    + "(env DENOISER_OUTPUT_FORMAT; default: ${DEFAULT-VALUE}).")
    OutputFormat outputFormat;

    @Option(names = "--latent", defaultValue = "${env:DENOISER_LATENT:-" + LatentChoice.DEFAULT_ID + "}",
            converter = LatentChoiceConverter.class, completionCandidates = LatentChoiceConverter.class,
            description = "What latent records carry: embedding (the model version's compact embedding and semantic "
                    + "hash, comparable across versions, when its record has one; else the bottleneck) or bottleneck "
                    + "(env DENOISER_LATENT; default: ${DEFAULT-VALUE}).")
    LatentChoice latent;

    @Option(names = "--engine", defaultValue = "${env:DENOISER_ENGINE:-" + InferenceEngineKind.DEFAULT_ID + "}",
            converter = InferenceEngineKindConverter.class, completionCandidates = InferenceEngineKindConverter.class,
            description = "What runs the models' forward passes: onnxruntime (a graph exported from the verified "
                    + "record) or dl4j; a pipelines file entry's engine key overrides it "
                    + "(env DENOISER_ENGINE; default: ${DEFAULT-VALUE}).")
    InferenceEngineKind engine;

    @Option(names = "--resize-images", negatable = true,
            defaultValue = "${env:DENOISER_RESIZE_IMAGES:-" + Pipeline.DEFAULT_RESIZE_IMAGES + "}",
            fallbackValue = "true",
            description = "Resize PNG/JPEG inputs of another size to the image model's input instead of "
                    + "dead-lettering them (env DENOISER_RESIZE_IMAGES; default: ${DEFAULT-VALUE}).")
    boolean resizeImages;

    @Option(names = "--accept-shape-change", negatable = true,
            defaultValue = "${env:DENOISER_ACCEPT_SHAPE_CHANGE:-" + Pipeline.DEFAULT_ACCEPT_SHAPE_CHANGE + "}", fallbackValue = "true",
            description = "Let a new model version take records of another input shape than the version in use; "
                    + "otherwise it is refused as SHAPE_CHANGED (env DENOISER_ACCEPT_SHAPE_CHANGE; default: ${DEFAULT-VALUE}).")
    boolean acceptShapeChange;

    @Option(names = "--pipelines-file", converter = ExistingFileConverter.class,
            defaultValue = "${env:DENOISER_PIPELINES_FILE}",
            description = "YAML file of pipelines, each with its own topics, model, batching and formats; "
                    + "replaces --pipelines (env DENOISER_PIPELINES_FILE).")
    Path pipelinesFile;

    @Option(names = "--model-file", split = ",", paramLabel = "NAME=FILE", defaultValue = "${env:DENOISER_MODEL_FILES}",
            description = "A model file (from `train --once`) for model NAME, served until the models topic has a "
                    + "trusted version of NAME; the topic's version comes first, the jar's last. Repeatable "
                    + "(env DENOISER_MODEL_FILES: NAME=FILE,NAME=FILE).")
    List<String> modelFiles;

    @Option(names = "--max-tensor-elements",
            defaultValue = "${env:DENOISER_MAX_TENSOR_ELEMENTS:-" + DenoiserConfig.DEFAULT_MAX_TENSOR_ELEMENTS + "}",
            description = "Largest input accepted, in values (an RGB image counts 3 per pixel); larger records are "
                    + "dead-lettered unread (env DENOISER_MAX_TENSOR_ELEMENTS; default: ${DEFAULT-VALUE}).")
    long maxTensorElements;

    @Option(names = "--max-input-bytes",
            defaultValue = "${env:DENOISER_MAX_INPUT_BYTES:-" + DenoiserConfig.DEFAULT_MAX_INPUT_BYTES + "}",
            description = "Largest input value accepted, in bytes, checked before decoding; larger records are "
                    + "dead-lettered with their payload cut to this size. The dead-letter topic's max.message.bytes "
                    + "must hold it plus " + DenoiserConfig.RECORD_OVERHEAD_BYTES + " bytes "
                    + "(env DENOISER_MAX_INPUT_BYTES; default: ${DEFAULT-VALUE}).")
    int maxInputBytes;

    @Option(names = "--max-output-bytes",
            defaultValue = "${env:DENOISER_MAX_OUTPUT_BYTES:-" + DenoiserConfig.DEFAULT_MAX_OUTPUT_BYTES + "}",
            description = "Largest denoised record or latent vector written, in bytes; an input whose output would be "
                    + "larger is dead-lettered (OUTPUT_OVERSIZE). The output topics' max.message.bytes must hold it "
                    + "plus " + DenoiserConfig.RECORD_OVERHEAD_BYTES + " bytes "
                    + "(env DENOISER_MAX_OUTPUT_BYTES; default: ${DEFAULT-VALUE}).")
    int maxOutputBytes;

    @Option(names = "--stream-threads", defaultValue = "${env:DENOISER_STREAM_THREADS:-" + DenoiserConfig.DEFAULT_STREAM_THREADS + "}",
            description = "Stream threads, each with its own network copy and one native thread "
                    + "(env DENOISER_STREAM_THREADS; default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--allow-oversubscription", defaultValue = "${env:DENOISER_ALLOW_OVERSUBSCRIPTION:-false}",
            description = "Start even when stream threads exceed the available cores (env "
                    + "DENOISER_ALLOW_OVERSUBSCRIPTION; default: ${DEFAULT-VALUE}).")
    boolean allowOversubscription;

    @Option(names = "--processing-guarantee",
            defaultValue = "${env:DENOISER_PROCESSING_GUARANTEE:-" + DenoiserConfig.DEFAULT_PROCESSING_GUARANTEE + "}",
            description = "exactly_once_v2 or at_least_once (env DENOISER_PROCESSING_GUARANTEE; default: ${DEFAULT-VALUE}).")
    String processingGuarantee;

    @Option(names = "--commit-interval-ms",
            defaultValue = "${env:DENOISER_COMMIT_INTERVAL_MS:-" + DenoiserConfig.DEFAULT_COMMIT_INTERVAL_MS + "}",
            description = "Commit (transaction) interval (env DENOISER_COMMIT_INTERVAL_MS; default: ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(names = "--pass-timeout-ms",
            defaultValue = "${env:DENOISER_PASS_TIMEOUT_MS:-" + DenoiserConfig.DEFAULT_PASS_TIMEOUT_MS + "}",
            description = "Longest a stream thread waits for one forward pass; a pass that runs longer fails the "
                    + "stream thread and turns /health/live DOWN, so the pod is restarted "
                    + "(env DENOISER_PASS_TIMEOUT_MS; default: ${DEFAULT-VALUE}).")
    long passTimeoutMs;

    @Option(names = "--state-dir", defaultValue = "${env:DENOISER_STATE_DIR:-${sys:java.io.tmpdir}/kafka-denoiser}",
            description = "Kafka Streams state directory (env DENOISER_STATE_DIR; default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--metrics-port", defaultValue = "${env:DENOISER_METRICS_PORT:-8080}",
            description = "Port of /metrics (Prometheus), /health/live and /health/ready "
                    + "(env DENOISER_METRICS_PORT; default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--metrics-address", defaultValue = "${env:DENOISER_METRICS_ADDRESS:-0.0.0.0}",
            description = "Interface of the metrics and health endpoints: all by default, as Kubernetes probes "
                    + "and Prometheus reach the pod's address; 127.0.0.1 keeps them local (env DENOISER_METRICS_ADDRESS).")
    String metricsAddress;

    @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create missing topics from the topic files before starting (default: ${DEFAULT-VALUE}).")
    boolean createTopics;

    @Option(names = "--replication-factor", defaultValue = "${env:DENOISER_REPLICATION_FACTOR}",
            description = "Replication factor for topics it creates, instead of the files', and for the buffer "
                    + "changelogs Kafka Streams creates; min.insync.replicas is capped at it "
                    + "(env DENOISER_REPLICATION_FACTOR).")
    Short replicationFactor;

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        if (streamThreads * ModelCatalog.NATIVE_THREADS_PER_COPY > cores && !allowOversubscription) {
            LOG.error("refusing to start: {} stream threads x {} native thread per model copy exceed the {} cores; "
                    + "lower --stream-threads or set --allow-oversubscription", streamThreads, ModelCatalog.NATIVE_THREADS_PER_COPY, cores);
            return 1;
        }
        NativeRuntime.limitNativeThreads(ModelCatalog.NATIVE_THREADS_PER_COPY);
        NativeRuntime.warnIfSlow();
        DenoiserConfig config = config();
        ClusterCheck.requireReachable(config.kafka(), kafka.connectTimeout);
        Map<String, Path> files = ModelFileList.of(modelFiles == null ? List.of() : modelFiles, config.pipelines());
        if (!topicsAgree(config)) {
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ModelHistory published = ModelTopicReader.history(config.kafka().baseProperties(), config.topics().models(),
                config.modelTrust());
        PrometheusMeterRegistry prometheus = ProcessMetrics.prometheus();
        try (DenoiserApp app = DenoiserService.assemble(config,
                new ModelSources(published::newestFirst, files, ShippedModels::find), prometheus);
             MetricsServer server = new MetricsServer(metricsAddress, metricsPort, prometheus, app::live, app::ready)) {
            LOG.info("metrics and health on port {}", server.port());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "denoiser-shutdown"));
            app.start();
            if (app.awaitRunning(Duration.ofMinutes(5))) {
                DenoiserTopology.servable(config.pipelines(), app.registry()).forEach(p -> LOG.info(
                        "pipeline {} running: {} -> {}, {} with model {}", p.name(),
                        p.inputTopic(), p.denoisedTopic(), p.latentTopic(), p.modelName()));
            }
            stopped.await();
        }
        return 0;
    }

    /** The service's one typed configuration, from the options and their environment defaults. */
    DenoiserConfig config() throws IOException {
        return DenoiserConfig.builder(kafka.connection(), kafka.topics(), stateDir)
                .applicationId(applicationId)
                .pipelines(selectedPipelines())
                .streamThreads(streamThreads)
                .processingGuarantee(processingGuarantee)
                .commitIntervalMs(commitIntervalMs)
                .passTimeout(Duration.ofMillis(passTimeoutMs))
                .maxTensorElements(maxTensorElements)
                .maxInputBytes(maxInputBytes)
                .maxOutputBytes(maxOutputBytes)
                .modelTrust(modelTrust.trust())
                .changelogReplication(topicFiles.load(kafka.topics()).changelogReplication(Optional.ofNullable(replicationFactor)))
                .build();
    }

    List<Pipeline> selectedPipelines() throws IOException {
        Map<String, Pipeline> builtIn = Map.of(
                Pipeline.IMAGES, Pipeline.images(kafka.topics(), imageModel).withBatching(batchSize, maxWaitMs)
                        .withOutput(outputFormat, resizeImages).withShapeChange(acceptShapeChange).withLatent(latent)
                        .withEngine(engine),
                Pipeline.SEQUENCES, Pipeline.sequences(kafka.topics(), sequenceModel).withBatching(batchSize, maxWaitMs)
                        .withOutput(outputFormat, false).withShapeChange(acceptShapeChange).withLatent(latent)
                        .withEngine(engine));
        if (pipelinesFile != null) {
            return PipelinesFile.load(pipelinesFile, builtIn, engine);
        }
        return pipelines.stream().map(name -> Optional.ofNullable(builtIn.get(name.trim())).orElseThrow(
                () -> new IllegalArgumentException("unknown pipeline '" + name + "' (images, sequences)"))).toList();
    }

    private boolean topicsAgree(DenoiserConfig config) throws Exception {
        try (Admin admin = Admin.create(config.kafka().baseProperties())) {
            TopicApplier applier = new TopicApplier(admin, Optional.ofNullable(replicationFactor));
            // Topics a pipelines file names outside the topic files are created or verified like the others.
            TopicCatalog topics = PipelineTopics.including(topicFiles.load(config.topics()), config.topics(), config.pipelines());
            List<String> tooSmall = TopicSizeCheck.problems(topics, config);
            if (!tooSmall.isEmpty()) {
                tooSmall.forEach(problem -> LOG.error("refusing to start: {}", problem));
                return false;
            }
            ApplyReport report = createTopics ? applier.apply(topics) : applier.verify(topics);
            report.lines().forEach(line -> LOG.info("topics: {}", line));
            if (report.hasProblems()) {
                LOG.error("refusing to start: the cluster's topics contradict the topic files");
                return false;
            }
            return true;
        }
    }
}
