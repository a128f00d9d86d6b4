package io.denoiser.cli;

import io.denoiser.metrics.ProcessMetrics;
import io.denoiser.similar.SimilarConfig;
import io.denoiser.similar.SimilarService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code similar}: nearest-neighbour search over the latent topics, over HTTP. Runs until stopped. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "Index the latent topics and answer nearest-neighbour queries over HTTP.")
public final class SimilarCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SimilarCommand.class);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topics", split = ",", defaultValue = "${env:DENOISER_SIMILAR_TOPICS:-denoiser.images.latent}",
            description = "Latent topics to index (env DENOISER_SIMILAR_TOPICS; default: ${DEFAULT-VALUE}).")
    List<String> topics;

    @Option(names = "--group-id", defaultValue = "${env:DENOISER_SIMILAR_GROUP_ID:-" + SimilarConfig.DEFAULT_GROUP_ID + "}",
            description = "Consumer group its offsets are committed under, for lag monitoring; the index is rebuilt "
                    + "from the earliest offset at every start (env DENOISER_SIMILAR_GROUP_ID; default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--index-dir", defaultValue = "${env:DENOISER_SIMILAR_INDEX_DIR}",
            description = "Keep the index in this directory, memory-mapped, instead of on the heap; its space-* "
                    + "entries are deleted at start (env DENOISER_SIMILAR_INDEX_DIR).")
    Path indexDir;

    @Option(names = "--spaces-per-model",
            defaultValue = "${env:DENOISER_SIMILAR_SPACES_PER_MODEL:-" + SimilarConfig.DEFAULT_SPACES_PER_MODEL + "}",
            description = "Latent spaces kept per model, newest first; a model swap that changes the space opens a "
                    + "new one (env DENOISER_SIMILAR_SPACES_PER_MODEL; default: ${DEFAULT-VALUE}).")
    int spacesPerModel;

    @Option(names = "--max-k", defaultValue = "${env:DENOISER_SIMILAR_MAX_K:-" + SimilarConfig.DEFAULT_MAX_K + "}",
            description = "Most neighbours one query may ask for (env DENOISER_SIMILAR_MAX_K; default: ${DEFAULT-VALUE}).")
    int maxK;

    @Option(names = "--port", defaultValue = "${env:DENOISER_SIMILAR_PORT:-8082}",
            description = "Port of /neighbours, /spaces, /metrics and /health/* (env DENOISER_SIMILAR_PORT; "
                    + "default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--address", defaultValue = "${env:DENOISER_SIMILAR_ADDRESS:-0.0.0.0}",
            description = "Interface they listen on: all by default, as clients and probes reach the pod's address "
                    + "(env DENOISER_SIMILAR_ADDRESS; default: ${DEFAULT-VALUE}).")
    String address;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        PrometheusMeterRegistry prometheus = ProcessMetrics.prometheus();
        SimilarConfig config = config();
        ClusterCheck.requireReachable(config.kafka(), kafka.connectTimeout);
        try (SimilarService service = new SimilarService(config, prometheus)) {
            LOG.info("indexing {}; queries, metrics and health on port {}", topics, service.port());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "similar-shutdown"));
            stopped.await();
        }
        return 0;
    }

    /** The one typed configuration, from the options and their environment defaults. */
    SimilarConfig config() {
        return new SimilarConfig(kafka.connection(), topics.stream().map(String::trim).toList(), groupId,
                Optional.ofNullable(indexDir), spacesPerModel, maxK, address, port);
    }
}
