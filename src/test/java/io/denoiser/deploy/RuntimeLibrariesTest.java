package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dependencies pom.xml resolves, as this test JVM's class path shows them (runtime plus test scope):
 * only the natives that run, and none of the DL4J modules the code never imports.
 */
final class RuntimeLibrariesTest {

    private static final List<String> JARS = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).getFileName().toString()).filter(name -> name.endsWith(".jar")).toList();

    @Test
    void shouldShipTheOneDnnBuildOfNd4jWithoutThePlainOneBeside() {
        assertThat(JARS).filteredOn(name -> name.matches("nd4j-native-[0-9].*-linux-.*"))
                .containsExactly("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn.jar");
    }

    @Test
    void shouldLeaveOutTheDl4jModulesTheCodeNeverImports() {
        assertThat(JARS).noneMatch(name -> name.startsWith("deeplearning4j-core-")
                || name.startsWith("deeplearning4j-modelimport-") || name.startsWith("deeplearning4j-datasets-")
                || name.startsWith("deeplearning4j-ui-") || name.startsWith("datavec-")
                || name.startsWith("freemarker-") || name.startsWith("imageio-") || name.startsWith("jai-imageio-"));
    }

    @Test
    void shouldResolveCommonsLibrariesPastTheirKnownVulnerabilities() {
        // commons-lang3 < 3.18 (CVE-2025-48924), commons-compress < 1.26 (CVE-2024-25710, CVE-2024-26308)
        assertThat(version("commons-lang3")).isGreaterThanOrEqualTo(Runtime.Version.parse("3.18"));
        assertThat(version("commons-compress")).isGreaterThanOrEqualTo(Runtime.Version.parse("1.26"));
    }

    private static Runtime.Version version(String artifact) {
        Pattern jar = Pattern.compile(Pattern.quote(artifact) + "-([0-9.]+)\\.jar");
        return JARS.stream().map(jar::matcher).filter(Matcher::matches).findFirst()
                .map(m -> Runtime.Version.parse(m.group(1).replaceAll("(\\.0)+$", "")))
                .orElseThrow(() -> new AssertionError("no " + artifact + " on the class path"));
    }
}
