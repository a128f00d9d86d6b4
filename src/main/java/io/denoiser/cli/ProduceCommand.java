package io.denoiser.cli;

import io.denoiser.codec.TensorFormat;
import io.denoiser.config.TopicNames;
import io.denoiser.demo.DigitFeed;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code produce}: noisy demo digits into the input topic, as a user's application would send them. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Send noisy held-out digits to the images input topic at a steady rate (and, with --clean, "
                + "the clean training digits to the clean topic first).")
public final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--count", defaultValue = "${env:PRODUCE_COUNT:-2000}",
            description = "Noisy digits to send; 0 = until stopped (env PRODUCE_COUNT; default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--rate", defaultValue = "${env:PRODUCE_RATE:-100}",
            description = "Records per second (env PRODUCE_RATE; default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--format", defaultValue = "${env:PRODUCE_FORMAT:-binary}",
            converter = TensorFormatConverter.class, completionCandidates = TensorFormatConverter.class,
            description = "${COMPLETION-CANDIDATES}; binary is a uint8 tensor (env PRODUCE_FORMAT; default: ${DEFAULT-VALUE}).")
    TensorFormat format;

    @Option(names = "--noise", defaultValue = "0.5", description = "Gaussian noise level (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", defaultValue = "7", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clean", defaultValue = "${env:PRODUCE_CLEAN:-false}",
            description = "First send the 8,000 clean training digits to the clean topic, for the trainer "
                    + "(env PRODUCE_CLEAN; default: ${DEFAULT-VALUE}).")
    boolean clean;

    @Override
    public Integer call() throws IOException {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        TopicNames topics = kafka.topics();
        try (DigitFeed feed = new DigitFeed(kafka.reachableConnection(), format)) {
            if (clean) {
                out().printf("sent %d clean digits to %s%n", feed.sendClean(topics.cleanImages()), topics.cleanImages());
            }
            long sent = feed.sendNoisy(topics.noisyImages(), count, rate, noise, seed);
            out().printf("sent %d noisy digits to %s%n", sent, topics.noisyImages());
        }
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
