package io.denoiser.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultOutcomeTest {

    @Test
    void shouldReplaceTheTableAnEarlierRunLeftThenAppendThisRunsRows(@TempDir Path dir) throws Exception {
        // Given the table an earlier test run wrote
        Path table = dir.resolve("reliability.md");
        Files.writeString(table, "| fault | sent | lost | duplicated | dead-lettered | recovered in |\n|---|---|---|---|---|---|\n"
                + "| an old fault | 10 | 0 | 0 | 0 | 1.0 s |\n");

        // When this run reports two faults
        new FaultOutcome("a broker is lost", 100, 0, 0, 0, Duration.ofMillis(2100)).report(table);
        new FaultOutcome("an instance is killed", 50, 0, 0, 1, Duration.ofSeconds(3)).report(table);

        // Then the table holds one header and this run's rows only
        assertThat(Files.readAllLines(table)).containsExactly(
                "| fault | sent | lost | duplicated | dead-lettered | recovered in |",
                "|---|---|---|---|---|---|",
                "| a broker is lost | 100 | 0 | 0 | 0 | 2.1 s |",
                "| an instance is killed | 50 | 0 | 0 | 1 | 3.0 s |");
    }
}
