package io.denoiser.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The chart in helm/kafka-denoiser, rendered by the Helm library that helm-java embeds. */
final class HelmChart {

    static final Path DIRECTORY = Path.of("helm", "kafka-denoiser");
    static final String RELEASE = "demo";
    private static final Path VALUES = Path.of("src", "test", "resources", "helm-values");
    private static final String HOOK_ANNOTATION = "helm.sh/hook";
    private static final String RENAMED_HOOK_ANNOTATION = "rendered.kafka-denoiser.test/hook";

    private HelmChart() {
    }

    /**
     * Renders the chart with these files from src/test/resources/helm-values/ over its defaults, hooks and
     * {@code helm test} pods included. helm-java's template leaves hooks out (Helm's CLI prints them), so this
     * renders a copy whose hook annotations are renamed and names them back in the output.
     */
    static RenderedManifests render(String... valuesFiles) {
        Path copy = copyWithHooksAsPlainManifests();
        try {
            TemplateCommand template = new Helm(copy).template().withName(RELEASE);
            for (String file : valuesFiles) {
                template = template.withValuesFile(VALUES.resolve(file).toAbsolutePath());
            }
            return RenderedManifests.parse(template.call().replace(RENAMED_HOOK_ANNOTATION, HOOK_ANNOTATION));
        } finally {
            deleteRecursively(copy);
        }
    }

    static LintResult lint() {
        return new Helm(DIRECTORY).lint().strict().call();
    }

    private static Path copyWithHooksAsPlainManifests() {
        try {
            Path copy = Files.createTempDirectory("kafka-denoiser-chart");
            try (Stream<Path> files = Files.walk(DIRECTORY)) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(DIRECTORY.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (source.startsWith(DIRECTORY.resolve("templates"))) {
                        Files.writeString(target, Files.readString(source)
                                .replace(HOOK_ANNOTATION, RENAMED_HOOK_ANNOTATION));
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
