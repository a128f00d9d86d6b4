package io.denoiser.cli;

import io.denoiser.config.TopicNames;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.NativeRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of {@code java -jar kafka-denoiser.jar <command>}. */
@Command(name = "kafka-denoiser", mixinStandardHelpOptions = true, versionProvider = AppVersion.class,
        description = "Denoises images streaming through Kafka with autoencoders and publishes latent vectors.",
        subcommands = {DemoCommand.class, ServeCommand.class, TrainCommand.class, SimilarCommand.class,
                EvaluateCommand.class, BenchCommand.class,
                TopicsCommand.class, ModelsCommand.class, ProduceCommand.class, KeysCommand.class, NativesCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    /** The deployment's topics, matching the files in {@code topics/}: every command takes its names from here. */
    static final TopicNames TOPICS = TopicNames.defaults();

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // Must run before any ND4J class loads: it selects the oneDNN native build.
        NativeRuntime.configure();
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a user's mistake gets one line, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main()).addSubcommand("completion", new AutoComplete.GenerateCompletion());
        // picocli hides its completion command; listed, users find it.
        cli.getSubcommands().get("completion").getCommandSpec().usageMessage().hidden(false);
        return cli.setParameterExceptionHandler(Main::usageError).setExecutionExceptionHandler(Main::executionError);
    }

    private static int executionError(Exception e, CommandLine cli, ParseResult parsed) throws Exception {
        if (!(e instanceof IllegalArgumentException || e instanceof InvalidModelException || e instanceof IOException
                || e instanceof UncheckedIOException)) {
            throw e;
        }
        cli.getErr().println("error: " + e.getMessage());
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** A usage mistake: the message, any "did you mean", and where the usage is, not the whole usage. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("error: " + messageOf(e));
        UnmatchedArgumentException.printSuggestions(e, cli.getErr());
        cli.getErr().println("try `" + cli.getCommandSpec().qualifiedName() + " --help`");
        return CommandLine.ExitCode.USAGE;
    }

    /** A value our converters refuse is named by the option's first name, not picocli's longest (an alias). */
    private static String messageOf(ParameterException e) {
        if (e.getCause() instanceof TypeConversionException refused && e.getArgSpec() instanceof OptionSpec option) {
            return option.names()[0] + ": " + refused.getMessage();
        }
        return e.getMessage();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
