package io.denoiser.cli;

import io.denoiser.model.NativeRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of {@code java -jar kafka-denoiser.jar <command>}. */
@Command(name = "kafka-denoiser", mixinStandardHelpOptions = true, versionProvider = AppVersion.class,
        description = "Denoises images streaming through Kafka with autoencoders and publishes latent vectors.",
        subcommands = {DemoCommand.class, ServeCommand.class, TrainCommand.class, EvaluateCommand.class, BenchCommand.class,
                TopicsCommand.class, ProduceCommand.class, KeysCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // Must run before any ND4J class loads: it selects the oneDNN native build.
        NativeRuntime.configure();
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }
}
