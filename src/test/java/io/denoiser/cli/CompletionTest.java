package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompletionTest {

    @Test
    void shouldPrintACompletionScriptForEveryCommand() {
        CliRun run = CliRun.of("completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F _complete_kafka-denoiser", "serve", "--bootstrap-server",
                "as-input");
    }

    @Test
    void shouldListTheCompletionCommandInHelp() {
        assertThat(CliRun.of("--help").out()).contains("completion");
    }
}
