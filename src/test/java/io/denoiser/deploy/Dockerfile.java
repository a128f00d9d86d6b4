package io.denoiser.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile read into stages of instructions: enough of the syntax for docker/Dockerfile. */
final class Dockerfile {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(?:\"([^\"]*)\"|(\\S+))");

    record Instruction(String keyword, String arguments) {

        /** Arguments as words, without --flags; JSON arrays (exec form) as their elements. */
        List<String> words() {
            if (arguments.startsWith("[")) {
                try {
                    return Arrays.asList(new ObjectMapper().readValue(arguments, String[].class));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return Arrays.stream(arguments.split("\\s+")).filter(w -> !w.startsWith("--")).toList();
        }

        /** The value of a --name=value flag, or null. */
        String flag(String name) {
            return Arrays.stream(arguments.split("\\s+")).filter(w -> w.startsWith("--" + name + "="))
                    .map(w -> w.substring(name.length() + 3)).findFirst().orElse(null);
        }
    }

    record Stage(String name, String baseImage, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Instruction last(String keyword) {
            List<Instruction> matches = all(keyword);
            if (matches.isEmpty()) {
                throw new NoSuchElementException("stage " + name + " has no " + keyword);
            }
            return matches.get(matches.size() - 1);
        }

        /**
         * Directories the stage's RUN instructions make with {@code mkdir}, each with the {@code uid:gid} a later
         * {@code chown} gives it, {@code 0:0} (root) without one.
         */
        Map<Path, String> createdDirectories() {
            Map<Path, String> owners = new LinkedHashMap<>();
            for (Instruction run : all("RUN")) {
                for (String command : run.arguments().split("&&|;")) {
                    List<String> words = Arrays.asList(command.strip().split("\\s+"));
                    List<String> operands = words.stream().skip(1).filter(w -> !w.startsWith("-")).toList();
                    if (words.get(0).equals("mkdir")) {
                        operands.forEach(directory -> owners.put(Path.of(directory), "0:0"));
                    } else if (words.get(0).equals("chown")) {
                        boolean recursive = words.contains("-R") || words.contains("--recursive");
                        String owner = operands.get(0);
                        for (String target : operands.subList(1, operands.size())) {
                            owners.replaceAll((directory, previous) -> directory.equals(Path.of(target))
                                    || recursive && directory.startsWith(target) ? owner : previous);
                        }
                    }
                }
            }
            return owners;
        }

        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            for (Instruction instruction : all("ENV")) {
                Matcher pair = ENV_PAIR.matcher(instruction.arguments());
                while (pair.find()) {
                    env.put(pair.group(1), pair.group(2) != null ? pair.group(2) : pair.group(3));
                }
            }
            return env;
        }
    }

    private final List<Stage> stages;

    private Dockerfile(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    static Dockerfile parse(Path file) throws IOException {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        for (String line : logicalLines(Files.readAllLines(file))) {
            String[] parts = line.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].trim() : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.arguments().split("\\s+");
                current = new ArrayList<>();
                String name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : String.valueOf(stages.size());
                stages.add(new Stage(name, from[0], current));
            } else if (current != null) {
                current.add(instruction);
            }
        }
        return new Dockerfile(stages);
    }

    List<Stage> stages() {
        return stages;
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no stage " + name));
    }

    /** The stage the image is made of: the last one. */
    Stage runtime() {
        return stages.get(stages.size() - 1);
    }

    /** Joins backslash continuations and drops comments and blank lines. */
    private static List<String> logicalLines(List<String> physical) {
        List<String> logical = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : physical) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
            } else {
                logical.add(pending.append(line).toString());
                pending.setLength(0);
            }
        }
        return logical;
    }
}
