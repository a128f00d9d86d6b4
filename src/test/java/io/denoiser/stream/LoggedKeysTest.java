package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedKeysTest {

    @Test
    void shouldEscapeNewlinesTerminalEscapesAndQuotesSoAKeyCannotForgeALogLine() {
        String forged = "unet\n12:00:00.000 INFO  [main] ModelCatalog - model unet version 9 adopted\u001b[2J\"\u2028";

        String logged = LoggedKeys.quoted(forged);

        assertThat(logged).doesNotContain("\n", "\u001b", "\u2028")
                .isEqualTo("\"unet\\u000a12:00:00.000 INFO  [main] ModelCatalog - model unet version 9 adopted"
                        + "\\u001b[2J\\\"\\u2028\"");
    }

    @Test
    void shouldCutALongKeyAndSayHowMuchWasLeftOut() {
        assertThat(LoggedKeys.quoted("k".repeat(1000))).isEqualTo("\"" + "k".repeat(200) + "\" (800 more chars)");
        assertThat(LoggedKeys.quoted(null)).isEqualTo("(no key)");
    }
}
