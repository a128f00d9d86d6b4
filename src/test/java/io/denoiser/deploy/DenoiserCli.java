package io.denoiser.deploy;

import io.denoiser.cli.Main;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The application's own command line, to check the commands that deployment files run. */
final class DenoiserCli {

    private static final Pattern ENVIRONMENT_DEFAULT = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)");

    private DenoiserCli() {
    }

    /**
     * Parses arguments as {@code java -jar kafka-denoiser.jar} would and returns the (sub)command path they
     * select, e.g. "topics apply"; throws picocli's exception for an unknown command or option.
     */
    static String commandOf(List<String> arguments) {
        ParseResult result = new CommandLine(new Main()).parseArgs(arguments.toArray(String[]::new));
        StringBuilder path = new StringBuilder();
        for (ParseResult sub = result.subcommand(); sub != null; sub = sub.subcommand()) {
            path.append(path.isEmpty() ? "" : " ").append(sub.commandSpec().name());
        }
        return path.toString();
    }

    /**
     * Parses {@code value} as the option of {@code command} whose default reads environment variable
     * {@code variable}, as that default would be; throws picocli's exception when the option cannot take it.
     */
    static void parseAsOption(String command, String variable, String value) {
        CommandSpec spec = new CommandLine(new Main()).getSubcommands().get(command).getCommandSpec();
        spec.interpolateVariables(false);
        OptionSpec option = spec.options().stream()
                .filter(o -> o.defaultValue() != null && ENVIRONMENT_DEFAULT.matcher(o.defaultValue()).results()
                        .anyMatch(match -> match.group(1).equals(variable)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(command + " reads no " + variable));
        if (readsAnExistingFile(option)) {
            // a file mounted into the pod: here only its path can be checked
            if (!Path.of(value).isAbsolute()) {
                throw new IllegalArgumentException(variable + "=" + value + " is not an absolute path");
            }
            return;
        }
        new CommandLine(new Main()).parseArgs(command, option.longestName() + "=" + value);
    }

    private static boolean readsAnExistingFile(OptionSpec option) {
        return Arrays.stream(option.converters()).anyMatch(c -> c.getClass().getSimpleName().equals("ExistingFileConverter"));
    }

    /** The environment variables a command reads as option defaults ({@code ${env:NAME}}), mixins included. */
    static Set<String> environmentVariablesOf(String command) {
        CommandSpec spec = new CommandLine(new Main()).getSubcommands().get(command).getCommandSpec();
        spec.interpolateVariables(false);
        return spec.options().stream().map(OptionSpec::defaultValue).filter(Objects::nonNull)
                .flatMap(value -> ENVIRONMENT_DEFAULT.matcher(value).results()).map(match -> match.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
