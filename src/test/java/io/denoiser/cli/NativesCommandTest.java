package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NativesCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldUnpackEveryNativeLibraryTheServiceLoadsIntoOneDirectory() {
        assertThat(Main.commandLine().execute("natives", "--out", dir.toString())).isZero();
        assertThat(dir.toFile().list()).contains("libjnijavacpp.so", "libnd4jcpu.so", "libjnind4jcpu.so",
                "libopenblas.so.0", "libjniopenblas.so", "libonnxruntime.so", "libonnxruntime4j_jni.so",
                "librocksdbjni-linux64.so");
    }
}
