package io.denoiser.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * topics/FORMATS.md as the tests read it: the code examples marked {@code <!-- example: name -->} and the
 * table of latent vectors per model. Tests run what the document says, so the two cannot drift apart.
 */
final class FormatsDoc {

    private static final Path PATH = Path.of("topics", "FORMATS.md");
    /** A row of the latent table: | `model` (...) | `[N]` | what it is |. */
    private static final Pattern LATENT_ROW = Pattern.compile("^\\| `([a-z0-9-]+)`[^|]*\\| `\\[(\\d+)]` \\| (.*) \\|$",
            Pattern.MULTILINE);

    /** One model's latent vector as the document states it. */
    record LatentRow(String model, int length, String description) {
    }

    private final String text;

    private FormatsDoc(String text) {
        this.text = text;
    }

    static FormatsDoc read() throws IOException {
        return new FormatsDoc(Files.readString(PATH));
    }

    /** The code block that follows the marker {@code <!-- example: name ... -->}, as a reader would copy it. */
    String example(String name) {
        Matcher block = Pattern.compile("<!-- example: " + Pattern.quote(name) + "\\b[^>]*-->\\n```\\w+\\n(.*?)```\\n",
                Pattern.DOTALL).matcher(text);
        if (!block.find()) {
            throw new IllegalStateException(PATH + " has no code block after <!-- example: " + name + " -->");
        }
        return block.group(1);
    }

    List<LatentRow> latentRows() {
        List<LatentRow> rows = new ArrayList<>();
        Matcher row = LATENT_ROW.matcher(text);
        while (row.find()) {
            rows.add(new LatentRow(row.group(1), Integer.parseInt(row.group(2)), row.group(3)));
        }
        return rows;
    }
}
