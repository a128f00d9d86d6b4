package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** target/lib and the jar's Class-Path, what the image ships, after the package phase has built them. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class PackagedLibrariesIT {

    private static final Path LIB = Path.of("target", "lib");
    private static final Path JAR = Path.of("target", "kafka-denoiser.jar");
    /** Issue 17: at most 60% of the 374 MB target/lib held before, ONNX Runtime not counted. */
    private static final long BUDGET_BYTES = 374L * 1024 * 1024 * 60 / 100;
    private static final Pattern NATIVE = Pattern.compile(".*\\.(so(\\.[0-9]+)*|dll|dylib|jnilib)$");
    private static final Pattern LINUX_X86_64 = Pattern.compile(".*(linux-x86_64|linux-x64|linux64)[-/.].*");
    /** The jars of large natives; the compression and terminal libraries keep theirs (a few MB). */
    private static final List<String> NATIVE_JARS = List.of("rocksdbjni-", "onnxruntime-", "nd4j-native-", "openblas-",
            "javacpp-");

    @Test
    void shouldCarryLargeNativesForLinuxX8664Only() throws IOException {
        for (Path jar : jars()) {
            String name = jar.getFileName().toString();
            if (NATIVE_JARS.stream().noneMatch(name::startsWith)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<String> natives = zip.stream().map(ZipEntry::getName).filter(e -> NATIVE.matcher(e).matches()).toList();
                assertThat(natives).as("natives in %s", name).allMatch(e -> LINUX_X86_64.matcher(e).matches());
            }
        }
    }

    @Test
    void shouldStayWithinTheSizeBudgetWithoutOnnxRuntime() throws IOException {
        long bytes = 0;
        for (Path jar : jars()) {
            if (!jar.getFileName().toString().startsWith("onnxruntime-")) {
                bytes += Files.size(jar);
            }
        }
        assertThat(bytes).as("bytes of %s without ONNX Runtime", LIB).isLessThanOrEqualTo(BUDGET_BYTES);
    }

    @Test
    void shouldKeepTheBrokerOffTheServicesClassPath() throws IOException {
        List<String> classPath;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            classPath = List.of(jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH).split(" "));
        }
        assertThat(classPath).allSatisfy(entry -> assertThat(JAR.resolveSibling(entry)).isRegularFile())
                .noneMatch(entry -> entry.startsWith("lib/broker/"));
        try (Stream<Path> lib = Files.list(LIB)) {
            assertThat(lib.filter(f -> f.toString().endsWith(".jar")).map(f -> "lib/" + f.getFileName()))
                    .as("every jar of lib/ on the Class-Path").containsExactlyInAnyOrderElementsOf(classPath);
        }
        assertThat(LIB.resolve("broker").toFile().list()).anyMatch(name -> name.startsWith("kafka_2.13-"))
                .anyMatch(name -> name.startsWith("scala-library-")).anyMatch(name -> name.startsWith("log4j-core-"));
    }

    /** Every jar under target/lib, lib/broker included: what the image ships. */
    private static List<Path> jars() throws IOException {
        try (Stream<Path> files = Files.walk(LIB)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
