package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ExitCode;

class UnreachableClusterTest {

    private String closedPort;

    @BeforeEach
    void findAClosedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = "localhost:" + socket.getLocalPort();
        }
    }

    @Test
    void shouldGiveUpAfterTheConnectTimeoutWithOneLine() {
        long start = System.nanoTime();
        CliRun run = CliRun.of("topics", "apply", "--bootstrap-server", closedPort, "--connect-timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SOFTWARE);
        assertThat(run.errLines()).containsExactly("error: cannot reach Kafka at " + closedPort + " within 2s");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
    }

    @Test
    void shouldUseTheGivenClusterForDemoAndBenchStream() {
        for (String[] command : new String[][] {{"demo"}, {"bench", "stream"}}) {
            String[] args = Stream.concat(Arrays.stream(command), Stream.of("--bootstrap-servers", closedPort, "--connect-timeout", "1s",
                    "-X", "security.protocol=PLAINTEXT")).toArray(String[]::new);

            CliRun run = CliRun.of(args);

            assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(ExitCode.SOFTWARE);
            assertThat(run.errLines()).as(String.join(" ", command))
                    .containsExactly("error: cannot reach Kafka at " + closedPort + " within 1s");
        }
    }
}
