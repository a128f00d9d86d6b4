package io.denoiser.cli;

import io.denoiser.bench.StreamBenchmark;
import io.denoiser.broker.BrokerLibraries;
import io.denoiser.broker.InProcessBroker;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.NativeRuntime;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.topics.TopicApplier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench stream}: the topology on a real broker, per-record vs micro-batched vs the model alone. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Throughput of per-record and micro-batched inference through Kafka against the model alone, "
                + "and end-to-end latency at fixed offered loads (in-process broker unless --bootstrap-servers).")
public final class BenchStreamCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** With --bootstrap-servers, the cluster to use instead of an in-process broker. */
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--model", defaultValue = "cnn-seed", description = "Shipped model (default: ${DEFAULT-VALUE}).")
    String modelName;

    /** Enough for seconds of steady micro-batching at the onnxruntime engine's rate, not a phase of start-up. */
    @Option(names = "--records", defaultValue = "40000", description = "Pre-produced noisy digits (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--batch", defaultValue = "128", description = "Micro-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--max-wait-ms", defaultValue = "" + Pipeline.DEFAULT_MAX_WAIT_MS,
            description = "Longest a record waits for its batch, as serve's (default: ${DEFAULT-VALUE}).")
    long maxWaitMs;

    @Option(names = "--commit-interval-ms", defaultValue = "" + DenoiserConfig.DEFAULT_COMMIT_INTERVAL_MS,
            description = "Commit (transaction) interval, as serve's (default: ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(names = "--offered-rps", defaultValue = "100,1000", split = ",",
            description = "Loads for the latency phases, one phase each (default: ${DEFAULT-VALUE}).")
    List<Double> offeredRps;

    @Option(names = "--latency-seconds", defaultValue = "15",
            description = "Length of the measured latency phase, after 3 s of the same load unmeasured "
            + "(default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--engine", defaultValue = InferenceEngineKind.DEFAULT_ID, converter = InferenceEngineKindConverter.class,
            completionCandidates = InferenceEngineKindConverter.class,
            description = "What runs the model: ${COMPLETION-CANDIDATES}, as serve's --engine (default: ${DEFAULT-VALUE}).")
    InferenceEngineKind engine;

    @Option(names = "--report", description = "Write the figures as JSON to this file.")
    Path report;

    @Override
    public Integer call() throws Exception {
        NativeRuntime.limitNativeThreads(1);
        NativeRuntime.warnIfSlow();
        Optional<KafkaConnection> cluster = kafka.givenReachableCluster();
        try (InProcessBroker broker = cluster.isPresent() ? null : BrokerLibraries.start()) {
            KafkaConnection connection = cluster.orElseGet(() -> KafkaConnection.of(broker.bootstrapServers()));
            TopicApplier.applyShipped(connection, kafka.topics(), broker != null ? Optional.of((short) 1) : Optional.empty());
            StreamBenchmark.Result result = new StreamBenchmark(connection, kafka.topics(), ShippedModels.load(modelName), records, batch,
                    maxWaitMs, commitIntervalMs, engine)
                    .run(offeredRps, Duration.ofSeconds(latencySeconds));
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("engine", engine.id());
            figures.put("per_record_rps", round(result.perRecordRps()));
            figures.put("batched_rps", round(result.batchedRps()));
            figures.put("model_only_rps", round(result.modelOnlyRps()));
            figures.put("batched_unlogged_rps", round(result.batchedUnloggedRps()));
            // Share of the unlogged rate that keeping buffered records durable gives up.
            figures.put("changelog_cost", round(1 - result.batchedRps() / result.batchedUnloggedRps()));
            figures.put("batched_vs_per_record", round(result.batchedRps() / result.perRecordRps()));
            figures.put("batched_vs_model_only", round(result.batchedRps() / result.modelOnlyRps()));
            figures.forEach((name, value) -> out().printf("%-22s %s%n", name, value));
            List<Map<String, Object>> latencies = new ArrayList<>();
            for (StreamBenchmark.Latency latency : result.latencies()) {
                out().printf(Locale.ROOT, "latency at %.0f records/s offered: p50 %.0f ms, p99 %.0f ms%n",
                        latency.offeredRps(), latency.p50Ms(), latency.p99Ms());
                latencies.add(Map.of("offered_rps", latency.offeredRps(), "p50_ms", latency.p50Ms(),
                        "p99_ms", latency.p99Ms()));
            }
            figures.put("latency", latencies);
            if (report != null) {
                JsonReports.write(report, figures);
            }
        }
        return 0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
