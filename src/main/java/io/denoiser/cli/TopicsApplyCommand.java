package io.denoiser.cli;

import io.denoiser.topics.ApplyReport;
import io.denoiser.topics.TopicApplier;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code topics apply}: create what is missing, align drifted configs, report what needs a human. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Create missing topics and align drifted configs; never deletes. Exit 1 on problems it cannot fix.")
public final class TopicsApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicFilesOption files;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:DENOISER_REPLICATION_FACTOR}",
            description = "Use this replication factor instead of the files' (e.g. 1 on a single-node cluster; "
                    + "env DENOISER_REPLICATION_FACTOR).")
    Short replicationFactor;

    @Override
    public Integer call() throws Exception {
        try (Admin admin = Admin.create(kafka.reachableConnection().baseProperties())) {
            ApplyReport report = new TopicApplier(admin, Optional.ofNullable(replicationFactor)).apply(files.load(kafka.topics()));
            out().println(report);
            return report.hasProblems() ? 1 : 0;
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
