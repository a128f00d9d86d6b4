package io.denoiser.cli;

import io.denoiser.model.ModelMetadata;
import io.denoiser.modeltopic.ModelHistory;
import io.denoiser.modeltopic.ModelTopicReader;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code models list}: every record on the models topic with its metrics, signer and status. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Every version on the models topic with its held-out PSNR, signer and status as the "
                + "denoisers with the same trust see it.")
public final class ModelsListCommand implements Callable<Integer> {

    private static final String ROW = "%-7s %-20s %-10s %8s %8s %9s  %-16s %s%n";

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ModelTrustOptions trustOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelHistory history = ModelTopicReader.history(kafka.reachableConnection().baseProperties(),
                kafka.topics().models(), trustOptions.trust());
        out().printf(Locale.ROOT, ROW, "offset", "published", "model", "version", "release", "psnr_db",
                "signer", "status");
        for (ModelHistory.Entry entry : history.entries()) {
            ModelMetadata metadata = entry.metadata();
            out().printf(Locale.ROOT, ROW, entry.offset(), entry.timestamp().toString().substring(0, 19) + "Z",
                    metadata == null ? entry.key() : metadata.name(), metadata == null ? "?" : metadata.version(),
                    metadata == null ? "?" : metadata.releaseOrder(), psnr(metadata), entry.signer(),
                    history.status(entry));
        }
        out().printf("%d record(s) on %s%n", history.entries().size(), kafka.topics().models());
        return 0;
    }

    private static String psnr(ModelMetadata metadata) {
        Map<String, Double> metrics = metadata == null ? null : metadata.metrics();
        Double psnr = metrics == null ? null : metrics.get("psnr_db");
        return psnr == null ? "-" : String.format(Locale.ROOT, "%.2f", psnr);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
