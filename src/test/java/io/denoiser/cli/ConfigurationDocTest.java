package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/configuration.md has one row per option of {@code serve} and {@code train}, and each row's env and default
 * cells are what picocli's model says: adding, renaming or re-defaulting an option without its row fails here.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("docs/configuration.md");
    private static final String NONE = "—";
    private static final Pattern ENV = Pattern.compile("^\\$\\{env:([A-Za-z0-9_]+)");
    private static final Pattern SYS = Pattern.compile("\\$\\{sys:([A-Za-z0-9_.]+)}");

    /** One table row: the flag names it lists and its env and default cells. */
    private record Row(List<String> names, String env, String defaultValue) {
    }

    /**
     * One option as picocli models it: names as the help shows them, its default as written (showing the
     * {@code ${env:NAME}} it reads) and as resolved.
     */
    private record Opt(String longestName, List<String> names, String rawDefault, String resolvedDefault) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "train"})
    void shouldHaveExactlyOneRowPerOptionOfTheCommand(String command) throws IOException {
        List<Row> rows = table(command);
        List<String> problems = new ArrayList<>();
        for (Opt option : options(command)) {
            long matching = rows.stream().filter(row -> row.names().contains(option.longestName())).count();
            if (matching != 1) {
                problems.add(option.longestName() + ": " + matching + " rows");
            }
        }
        List<String> known = options(command).stream().flatMap(option -> option.names().stream()).toList();
        rows.stream().flatMap(row -> row.names().stream()).filter(name -> !known.contains(name))
                .forEach(name -> problems.add(name + ": a row but no such option"));

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "train"})
    void shouldNameTheEnvironmentVariableEachDefaultReads(String command) throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        Map<String, String> read = new LinkedHashMap<>();
        for (Opt option : options(command)) {
            Row row = row(command, option);
            if (row == null) {
                continue; // reported by shouldHaveExactlyOneRowPerOptionOfTheCommand
            }
            documented.put(option.longestName(), row.env());
            read.put(option.longestName(), env(option).orElse(NONE));
        }

        assertThat(documented).isEqualTo(read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "train"})
    void shouldShowPicocliDefaultWithTheEnvironmentUnset(String command) throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Opt option : options(command)) {
            Row row = row(command, option);
            if (row == null || env(option).map(System::getenv).isPresent()) {
                continue; // no row (reported elsewhere), or the environment sets this default here
            }
            documented.put(option.longestName(), row.defaultValue());
            resolved.put(option.longestName(), shown(option.resolvedDefault(), option.rawDefault()));
        }

        assertThat(documented).isEqualTo(resolved);
    }

    private static Optional<String> env(Opt option) {
        Matcher env = ENV.matcher(String.valueOf(option.rawDefault()));
        return env.find() ? Optional.of(env.group(1)) : Optional.empty();
    }

    /** A resolved default as the doc writes it: none as {@value NONE}, a system property as {@code ${name}}. */
    private static String shown(String resolved, String raw) {
        if (resolved == null) {
            return NONE;
        }
        String shown = resolved;
        Matcher sys = SYS.matcher(String.valueOf(raw));
        while (sys.find()) {
            String value = System.getProperty(sys.group(1));
            if (value != null && !value.isEmpty()) {
                shown = shown.replace(value, "${" + sys.group(1) + "}");
            }
        }
        return shown;
    }

    /** The command's options, read from an uninterpolated and an interpolated model of the same command tree. */
    private static List<Opt> options(String command) {
        List<OptionSpec> raw = spec(command, false).options();
        List<OptionSpec> resolved = spec(command, true).options();
        assertThat(raw).hasSameSizeAs(resolved);
        List<Opt> options = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            OptionSpec option = resolved.get(i);
            options.add(new Opt(option.longestName(), List.of(option.names()), raw.get(i).defaultValue(),
                    option.defaultValue()));
        }
        return options;
    }

    private static CommandSpec spec(String command, boolean interpolate) {
        return new CommandLine(new Main()).setInterpolateVariables(interpolate)
                .getSubcommands().get(command).getCommandSpec();
    }

    private static Row row(String command, Opt option) throws IOException {
        return table(command).stream().filter(row -> row.names().contains(option.longestName())).findFirst()
                .orElse(null);
    }

    /** The rows of the table under the heading {@code ## `command`}. */
    private static List<Row> table(String command) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf("## `" + command + "`");
        assertThat(start).as("heading ## `%s` in %s", command, DOC).isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue; // prose, the header row or the separator
            }
            String[] cells = line.substring(1).split("\\|");
            assertThat(cells.length).as("cells of: %s", line).isGreaterThanOrEqualTo(4);
            List<String> names = Arrays.stream(cells[0].split(",")).map(ConfigurationDocTest::unquote).toList();
            rows.add(new Row(names, unquote(cells[1]), unquote(cells[2])));
        }
        assertThat(rows).as("rows of the %s table", command).isNotEmpty();
        return rows;
    }

    private static String unquote(String cell) {
        String trimmed = cell.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("`") && trimmed.endsWith("`")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}
