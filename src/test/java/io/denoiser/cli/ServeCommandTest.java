package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void shouldTakeRepeatedAndCommaSeparatedModelFiles() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--model-file", "vibration-lstm=/m/v.dnm",
                "--model-file", "pump-lstm=/m/p.dnm,fan-lstm=/m/f.dnm");

        assertThat(serve.modelFiles).containsExactly("vibration-lstm=/m/v.dnm", "pump-lstm=/m/p.dnm", "fan-lstm=/m/f.dnm");
    }
}
