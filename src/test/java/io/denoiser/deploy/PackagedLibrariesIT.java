package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** target/lib, what the image ships beside the jar, after the package phase has built it. */
final class PackagedLibrariesIT {

    private static final Path LIB = Path.of("target", "lib");
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

    private static List<Path> jars() throws IOException {
        try (Stream<Path> files = Files.list(LIB)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
