package io.denoiser.stream;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs Python scripts with {@code python3}, for the documentation's Python examples. */
final class Python3 {

    private static final long TIMEOUT_SECONDS = 120;

    private Python3() {
    }

    /**
     * Fails the calling test if {@code python3} cannot import numpy under CI (the environment variable {@code CI}
     * set, as CI services and {@code .ci/run} do), and aborts it elsewhere: a developer without numpy still
     * gets a passing build, CI never silently stops checking the examples.
     */
    static void requireNumpy(Path workDir) {
        String problem;
        try {
            problem = run("import numpy", List.of(), workDir).exitCode() == 0 ? null : "python3 cannot import numpy";
        } catch (IOException e) {
            problem = "no python3: " + e.getMessage();
        }
        if (problem != null) {
            String message = "the Python example in topics/FORMATS.md needs python3 with numpy (Debian: apt-get install "
                    + "python3-numpy): " + problem;
            if (System.getenv("CI") != null) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    /** The outcome of one run: its exit code and what it wrote to stdout and stderr. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(String script, List<String> arguments, Path workDir) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(arguments);
        Path stdout = Files.createTempFile(workDir, "python", ".out");
        Path stderr = Files.createTempFile(workDir, "python", ".err");
        // to files, not pipes, so neither stream can fill up and block the script
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("python3 ran longer than " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while python3 ran", e);
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
