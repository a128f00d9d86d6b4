package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSeriesTest {

    @TempDir
    Path dir;

    @Test
    void shouldCutRowsIntoWindowsOfLengthEveryStride() throws IOException {
        SequenceDataset data = new CsvSeries(10, 3).read(new StringReader(ramp(100)), "ramp.csv");
        assertThat(data.size()).isEqualTo((100 - 10) / 3 + 1);
        assertThat(data.steps()).isEqualTo(10);
        assertThat(data.features()).isEqualTo(2);
        assertThat(data.labels()).isNull();
        // a = row index (0..99), b = 2 * row index: window w, step t is row 3w + t.
        float[] window = data.window(5);
        assertThat(window[4 * 2]).isCloseTo((5 * 3 + 4) / 99f, within(1e-6f));
        assertThat(window[4 * 2 + 1]).isCloseTo((5 * 3 + 4) / 99f, within(1e-6f));
        assertThat(new CsvSeries(10, 10).read(new StringReader(ramp(100)), "s").size()).isEqualTo(10);
        assertThat(new CsvSeries(100, 1).read(new StringReader(ramp(100)), "s").size()).isEqualTo(1);
    }

    @Test
    void shouldFitTheNormalizationOnAllRowsAndInvertItBackToSourceUnits() throws IOException {
        String csv = "time,temp,pressure,valve\n"
                + "2024-01-01T00:00,20.5,1013.2,1\n"
                + "2024-01-01T00:01,22.0,1009.8,1\n"
                + "2024-01-01T00:02,18.5,1011.0,1\n"
                + "2024-01-01T00:03,21.0,1015.0,1\n";
        SequenceDataset data = new CsvSeries(2, 1).read(new StringReader(csv), "plant.csv");
        Normalization scaling = data.normalization();
        assertThat(scaling.columns()).containsExactly("temp", "pressure", "valve");
        assertThat(scaling.min()).containsExactly(18.5f, 1009.8f, 1f);
        assertThat(scaling.max()).containsExactly(22.0f, 1015.0f, 1f);
        assertThat(data.window(0)[2]).as("constant column").isEqualTo(0.5f);
        for (float[] window : data.windows()) {
            for (float value : window) {
                assertThat(value).isBetween(0f, 1f);
            }
        }
        assertThat(scaling.invert(data.window(1))).usingComparatorWithPrecision(1e-3f)
                .containsExactly(22.0f, 1009.8f, 1f, 18.5f, 1011.0f, 1f);
    }

    @Test
    void shouldApplyAGivenNormalizationToItsOwnColumnsInItsOrder() throws IOException {
        Normalization saved = new Normalization(new float[] {0, 10}, new float[] {10, 20}, List.of("b", "a"));
        String csv = "a,b,extra\n15,5,x\n20,0,y\n";
        SequenceDataset data = new CsvSeries(1, 1).normalizedWith(saved).read(new StringReader(csv), "live.csv");
        assertThat(data.normalization()).isEqualTo(saved);
        assertThat(data.window(0)).containsExactly(0.5f, 0.5f);
        assertThat(data.window(1)).containsExactly(0f, 1f);
        assertThatThrownBy(() -> new CsvSeries(1, 1).normalizedWith(saved).read(new StringReader("a,c\n1,2\n"), "live.csv"))
                .hasMessageContaining("live.csv: no column 'b'");
    }

    @Test
    void shouldIgnoreTimestampsByNameOrByBeingTextAndToleratePlainCsvVariations() throws IOException {
        String csv = "\uFEFFTimestamp,\"sensor, 1\",label,sensor2\r\n"
                + "1700000000, 1.5 ,ok,3\r\n"
                + "\r\n"
                + "1700000060,\"2.5\",ok,-4e-1\r\n";
        SequenceDataset data = new CsvSeries(2, 1).read(new StringReader(csv), "s");
        assertThat(data.normalization().columns()).containsExactly("sensor, 1", "sensor2");
        assertThat(data.window(0)).containsExactly(0f, 1f, 1f, 0f);
        SequenceDataset custom = new CsvSeries(2, 1).ignoring("SENSOR2").read(new StringReader(csv), "s");
        assertThat(custom.normalization().columns()).containsExactly("Timestamp", "sensor, 1");
    }

    @Test
    void shouldLoadAFileAndNameItInErrors() throws IOException {
        Path good = Files.writeString(dir.resolve("good.csv"), ramp(20));
        assertThat(new CsvSeries(5, 5).load(good).size()).isEqualTo(4);
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> new CsvSeries(1, 1).load(bad))
                .isInstanceOf(IOException.class).hasMessageContaining(bad.toString() + " line 3");
    }

    @Test
    void shouldRejectEmptyAndHeaderlessFiles() {
        assertRejected("", 1, "empty file, expected a header row");
        assertRejected("\n\n", 1, "empty file, expected a header row");
        assertRejected("\n\n  \n", 1, "line 3: column 1 of the header row has no name");
        assertRejected("1.0,2.0\n3.0,4.0\n", 1, "line 1: expected a header row of column names, found only numbers");
        assertRejected("a,,c\n1,2,3\n", 1, "line 1: column 2 of the header row has no name");
        assertRejected("a,b,a\n1,2,3\n", 1, "line 1: column name 'a' appears twice");
    }

    @Test
    void shouldRejectRaggedRowsNamingTheLine() {
        assertRejected("a,b\n1,2\n3,4\n5\n6,7\n", 1, "line 4: 1 values, but the header row names 2 columns");
        assertRejected("a,b\n1,2\n3,4,5\n", 1, "line 3: 3 values");
    }

    @Test
    void shouldRejectCellsInFeatureColumnsThatAreNotFiniteDecimalNumbers() {
        assertRejected("a,b\n1,2\n3,x\n", 1, "line 3: column 'b': 'x' is not a number");
        assertRejected("a,b\n1,2\n\n3,\n", 1, "line 4: column 'b': '' is not a number");
        assertRejected("a,b\n1,2\n3,NaN\n", 1, "'NaN' is not a number");
        assertRejected("a,b\n1,2\n3,1f\n", 1, "'1f' is not a number");
        assertRejected("a,b\n1,2\n3,1e39\n", 1, "'1e39' is not a number in float range");
        assertRejected("a,b\n1,2\n3," + "9".repeat(100) + "\n", 1, "'" + "9".repeat(64) + "...' is not a number");
        assertRejected("time,name\n12:00,x\n", 1, "line 2: no numeric feature column (columns [time, name])");
    }

    @Test
    void shouldRejectFilesShorterThanOneWindow() {
        assertRejected("a,b\n", 2, "0 data rows, fewer than one window of 2");
        assertRejected("a,b\n1,2\n", 2, "1 data rows, fewer than one window of 2");
    }

    @Test
    void shouldRejectBrokenQuotingAndOverlongLines() {
        assertRejected("a,b\n1,\"2\n3,4\n", 1, "EOF reached before encapsulated token finished");
        String longLine = "a,b\n1," + "1".repeat(CsvTable.MAX_LINE_CHARS) + "\n";
        assertRejected(longLine, 1, "line 2 is longer than " + CsvTable.MAX_LINE_CHARS + " characters");
    }

    @Test
    void shouldRefuseWindowCountsBeyondTheLimitBeforeAllocating() {
        assertRejected(ramp(20_000), 10_000, "10001 windows of 10000 x 2 would exceed the limit");
        assertThatThrownBy(() -> new CsvSeries(0, 1)).hasMessageContaining("length and stride must be >= 1");
        assertThatThrownBy(() -> new CsvSeries(1, 0)).hasMessageContaining("length and stride must be >= 1");
    }

    @Test
    void shouldReadUtf8Names() throws IOException {
        Path file = dir.resolve("utf8.csv");
        Files.write(file, "Temperatur °C,Druck\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        assertThat(new CsvSeries(2, 1).load(file).normalization().columns()).containsExactly("Temperatur °C", "Druck");
    }

    private static void assertRejected(String csv, int length, String message) {
        assertThatThrownBy(() -> new CsvSeries(length, 1).read(new StringReader(csv), "input.csv"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("input.csv")
                .hasMessageContaining(message);
    }

    private static String ramp(int rows) {
        StringBuilder csv = new StringBuilder("timestamp,a,b\n");
        for (int r = 0; r < rows; r++) {
            csv.append(1_700_000_000L + r).append(',').append(r).append(',').append(2 * r).append('\n');
        }
        return csv.toString();
    }
}
