package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheTenThousandBundledDigits() {
        MnistDataset data = MnistDataset.bundled();
        assertThat(data.size()).isEqualTo(10_000);
        assertThat(data.rows()).isEqualTo(28);
        assertThat(data.cols()).isEqualTo(28);
        assertThat(data.trainingSplit().size()).isEqualTo(8_000);
        assertThat(data.testSplit().size()).isEqualTo(2_000);
        assertThat(data.testSplit().label(0)).isEqualTo(data.label(8_000));
        assertThat(data.testSplit().image(5)).containsExactly(data.image(8_005));
        int[] perDigit = new int[10];
        for (int i = 0; i < data.size(); i++) {
            perDigit[data.label(i)]++;
            for (float pixel : data.image(i)) {
                assertThat(pixel).isBetween(0f, 1f);
            }
        }
        assertThat(java.util.Arrays.stream(perDigit).min().getAsInt()).isGreaterThan(800);
    }

    @Test
    void shouldReadPlainAndGzippedIdxFilesAlike() throws IOException {
        byte[] images = idx(0x803, 2, 2, 3, new byte[] {0, 1, 2, 3, 4, 5, (byte) 255, 7, 8, 9, 10, 11});
        byte[] labels = idx(0x801, 2, -1, -1, new byte[] {3, 7});
        MnistDataset plain = MnistDataset.load(write("i", images, false), write("l", labels, false));
        MnistDataset gzipped = MnistDataset.load(write("ig", images, true), write("lg", labels, true));
        for (MnistDataset data : new MnistDataset[] {plain, gzipped}) {
            assertThat(data.size()).isEqualTo(2);
            assertThat(data.cols()).isEqualTo(3);
            assertThat(data.label(1)).isEqualTo(7);
            assertThat(data.image(1)[0]).isEqualTo(1f);
        }
    }

    @Test
    void shouldRejectBadMagicTruncationAndAbsurdHeaders() throws IOException {
        byte[] labels = idx(0x801, 2, -1, -1, new byte[] {3, 7});
        Path labelFile = write("l", labels, false);
        assertThatThrownBy(() -> MnistDataset.load(write("a", idx(0x804, 2, 2, 3, new byte[12]), false), labelFile))
                .hasMessageContaining("magic");
        assertThatThrownBy(() -> MnistDataset.load(write("b", idx(0x803, 2, 2, 3, new byte[5]), false), labelFile))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MnistDataset.load(write("c", idx(0x803, 2, 1 << 20, 1 << 20, new byte[0]), false), labelFile))
                .hasMessageContaining("implausible");
        assertThatThrownBy(() -> MnistDataset.load(write("d", idx(0x803, 3, 2, 3, new byte[18]), false), labelFile))
                .hasMessageContaining("labels");
    }

    private static byte[] idx(int magic, int count, int rows, int cols, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        if (rows > 0) {
            out.writeInt(rows);
            out.writeInt(cols);
        }
        out.write(payload);
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] bytes, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }
}
