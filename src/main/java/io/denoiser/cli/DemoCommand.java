package io.denoiser.cli;

import io.denoiser.demo.DemoReport;
import io.denoiser.demo.DemoRun;
import io.denoiser.model.NativeRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the all-in-one run described in the README. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a broker in-process (or use --bootstrap-servers), the denoiser and the trainer, "
                + "stream noisy held-out digits through, and report PSNR and throughput.")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** With --bootstrap-servers, the cluster to use instead of an in-process broker. */
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--out", defaultValue = "out", description = "Directory for grid.png (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--digits", defaultValue = "2000", description = "Held-out digits to stream (default: ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--seed", defaultValue = "7", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout", defaultValue = "2m", converter = DurationConverter.class,
            description = "Longest wait for any step (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--report", description = "Write the results as JSON to this file.")
    Path report;

    @Override
    public Integer call() throws Exception {
        NativeRuntime.limitNativeThreads(1);
        NativeRuntime.warnIfSlow();
        long start = System.nanoTime();
        DemoReport result = new DemoRun(new DemoRun.Options(kafka.givenReachableCluster(), kafka.topics(), out, digits, seed,
                timeout), out()).run();
        out().printf("%nrecords in %d, denoised %d (distinct %d), latent %d, dead letters %d%n",
                result.recordsIn(), result.denoised(), result.denoisedDistinct(), result.latent(), result.dlq());
        out().printf("PSNR noisy %.2f dB -> denoised %.2f dB; by model version %s; throughput %.0f records/s%n",
                result.psnrNoisyDb(), result.psnrDenoisedDb(), result.psnrByModelVersion(), result.throughputRps());
        out().printf("grid: %s   neighbours: %s   total time %.0f s%n", out.resolve("grid.png"),
                out.resolve("neighbours.png"), (System.nanoTime() - start) / 1e9);
        if (report != null) {
            JsonReports.write(report, result);
        }
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
