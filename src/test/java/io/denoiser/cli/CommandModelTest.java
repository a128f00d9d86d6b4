package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Rules every option of every command keeps, checked on picocli's model of the whole command tree. */
class CommandModelTest {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");

    @Test
    void shouldNameInHelpEveryEnvironmentVariableAnOptionReads() {
        List<String> unnamed = new ArrayList<>();
        for (OptionSpec option : allOptions()) {
            String description = String.join(" ", option.description());
            Matcher env = ENV_DEFAULT.matcher(String.valueOf(option.defaultValue()));
            while (env.find()) {
                if (!description.contains(env.group(1))) {
                    unnamed.add(option.command().qualifiedName() + " " + option.longestName() + ": " + env.group(1));
                }
            }
        }
        assertThat(unnamed).isEmpty();
    }

    @Test
    void shouldReadEveryDurationWithTheSharedConverter() {
        List<String> durations = allOptions().stream().filter(option -> option.type() == Duration.class)
                .filter(option -> !(option.converters().length == 1 && option.converters()[0] instanceof DurationConverter))
                .map(option -> option.command().qualifiedName() + " " + option.longestName()).toList();

        assertThat(durations).isEmpty();
    }

    private static List<OptionSpec> allOptions() {
        // Uninterpolated, so default values show the ${env:NAME} they read.
        return commands(Main.commandLine().setInterpolateVariables(false).getCommandSpec())
                .flatMap(command -> command.options().stream()).toList();
    }

    private static Stream<CommandSpec> commands(CommandSpec command) {
        return Stream.concat(Stream.of(command),
                command.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct().flatMap(CommandModelTest::commands));
    }
}
