package io.denoiser.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code serve} command in a JVM of its own, for tests that stop, kill and restart it. */
final class ServeProcess implements AutoCloseable {

    private final Process process;
    private final String name;

    private ServeProcess(Process process, String name) {
        this.process = process;
        this.name = name;
    }

    /**
     * Starts {@code serve} on the digit pipeline with a state directory of its own under {@code work}, logging to
     * {@code work/NAME.log}; {@code options} are added to the command line.
     */
    static ServeProcess start(String name, String servers, Path work, String applicationId, String... options)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--bootstrap-servers", servers, "--metrics-port", "0",
                "--metrics-address", "127.0.0.1", "--state-dir", work.resolve(name + "-state").toString(),
                "--application-id", applicationId,
                // a killed instance's partitions move on after this, not Kafka's default 45 s
                "-X", "session.timeout.ms=10000"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".log").toFile())).start();
        return new ServeProcess(process, name);
    }

    String name() {
        return name;
    }

    /** SIGTERM: the shutdown hook closes the streams client cleanly. */
    void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM");
        }
    }

    /** SIGKILL: no shutdown hook, no commit, no close. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }
}
