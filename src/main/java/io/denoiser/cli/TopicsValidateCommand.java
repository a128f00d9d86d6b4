package io.denoiser.cli;

import io.denoiser.modeltopic.ModelRecordCodec;
import io.denoiser.topics.TopicCatalog;
import io.denoiser.topics.TopicSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code topics validate}: the files parse, follow the naming convention, and the models topic fits a model. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check the topic files without a cluster.")
public final class TopicsValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TopicFilesOption files;

    @Override
    public Integer call() throws Exception {
        TopicCatalog catalog = files.load(Main.TOPICS);
        TopicSpec models = catalog.byName(Main.TOPICS.models());
        long maxMessageBytes = models.maxMessageBytes();
        for (TopicSpec topic : catalog.topics()) {
            out().printf("ok  %-28s %d partitions, replication %d, %s%n", topic.name(), topic.partitions(),
                    topic.replicationFactor(), topic.configs());
        }
        if (maxMessageBytes < ModelRecordCodec.MAX_RECORD_BYTES) {
            out().printf("FAIL %s max.message.bytes %d is below the largest model record, %d bytes%n",
                    models.name(), maxMessageBytes, ModelRecordCodec.MAX_RECORD_BYTES);
            return 1;
        }
        out().printf("%d topic files valid; %s fits model records up to %d bytes%n", catalog.topics().size(),
                models.name(), ModelRecordCodec.MAX_RECORD_BYTES);
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
