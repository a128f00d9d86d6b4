package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** helm lint, and the house rule that every value in values.yaml says what it does. */
final class HelmLintTest {

    private static final Pattern KEY = Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9.-]*:");

    @Test
    void shouldLintWithoutErrorsOrWarnings() {
        LintResult result = HelmChart.lint();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void shouldDocumentEveryValueWithACommentAboveIt() throws Exception {
        List<String> lines = ChartValues.lines();
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (KEY.matcher(lines.get(i)).find() && (i == 0 || !lines.get(i - 1).trim().startsWith("#"))) {
                undocumented.add((i + 1) + ": " + lines.get(i).trim());
            }
        }
        assertThat(undocumented).as("keys in %s without a comment on the line above", ChartValues.FILE).isEmpty();
    }
}
