package io.denoiser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every integration test class ({@code *IT}, run by failsafe) carries {@code @Tag("integration")}, so that a run
 * can select or leave them out, and a class-level {@code @Timeout}, so that a hung broker or process fails the
 * build instead of stalling it. Scans the compiled test classes, so a new IT cannot drift past it.
 */
class IntegrationTestAnnotationsTest {

    @Test
    void shouldTagEveryIntegrationTestClassAndGiveItATimeout() throws Exception {
        // Given the integration test classes compiled beside this one
        List<Class<?>> its = integrationTestClasses();

        // Then there are as many as sources, each tagged and timed
        assertThat(its).hasSize(integrationTestSources());
        assertThat(its).allSatisfy(it -> {
            assertThat(it.getAnnotationsByType(Tag.class)).as("@Tag of %s", it.getName())
                    .extracting(Tag::value).contains("integration");
            assertThat(it.getAnnotation(Timeout.class)).as("class-level @Timeout of %s", it.getName()).isNotNull();
        });
    }

    private static List<Class<?>> integrationTestClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(IntegrationTestAnnotationsTest.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.getFileName().toString().endsWith("IT.class"))
                    .map(file -> classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .map(IntegrationTestAnnotationsTest::load)
                    .filter(type -> !Modifier.isAbstract(type.getModifiers()))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .collect(Collectors.toList());
        }
    }

    /** The {@code *IT.java} files under src/test/java, when run from the project (as Maven does). */
    private static int integrationTestSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
            return (int) files.filter(file -> file.getFileName().toString().endsWith("IT.java")).count();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, IntegrationTestAnnotationsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
