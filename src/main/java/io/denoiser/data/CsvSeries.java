package io.denoiser.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads a user's multivariate time series from CSV and cuts it into overlapping windows for the sequence
 * models.
 *
 * <p>The file starts with a header row of column names (RFC 4180 quoting; blank lines and spaces around
 * values are ignored). The features are the columns whose value in the first data row is a number, except
 * columns named like a timestamp ({@link #DEFAULT_IGNORED}, case-insensitive, or those given to
 * {@link #ignoring(String...)}); so a textual timestamp drops out by itself and a numeric one by its name.
 * With a given {@link Normalization} the features are exactly its columns, in its order. Every feature cell
 * must be a finite number in plain decimal notation.
 *
 * <p>Window {@code w} holds rows {@code w * stride} to {@code w * stride + length - 1}, so {@code n} rows give
 * {@code (n - length) / stride + 1} windows; trailing rows that do not fill a window are left out. Values are
 * scaled per feature by the given normalization or, by default, by one fitted on all rows of the file. The
 * series is held as floats: a column whose variation is tiny next to its magnitude (1e6 &plusmn; 0.01) loses
 * resolution, so subtract such an offset first.
 */
public final class CsvSeries {

    /** Column names never taken as features unless chosen by a normalization. */
    public static final Set<String> DEFAULT_IGNORED = Set.of("timestamp", "time", "date", "datetime");

    private final int length;
    private final int stride;
    private final Set<String> ignored;
    private final Normalization normalization;

    /** Windows of {@code length} rows, a new one every {@code stride} rows. */
    public CsvSeries(int length, int stride) {
        this(length, stride, DEFAULT_IGNORED, null);
    }

    private CsvSeries(int length, int stride, Set<String> ignored, Normalization normalization) {
        if (length < 1 || stride < 1) {
            throw new IllegalArgumentException("window length and stride must be >= 1, got " + length + " and " + stride);
        }
        this.length = length;
        this.stride = stride;
        this.ignored = ignored;
        this.normalization = normalization;
    }

    /** The same loader, ignoring these column names (case-insensitive) instead of {@link #DEFAULT_IGNORED}. */
    public CsvSeries ignoring(String... columns) {
        Set<String> names = Arrays.stream(columns).map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new CsvSeries(length, stride, Set.copyOf(names), normalization);
    }

    /** The same loader, scaling with {@code given} (e.g. from a model's metadata) instead of fitting one. */
    public CsvSeries normalizedWith(Normalization given) {
        return new CsvSeries(length, stride, ignored, given);
    }

    /** Reads a UTF-8 file; see the class description. */
    public SequenceDataset load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    /** Reads CSV text to its end; {@code source} names it in error messages. */
    public SequenceDataset read(Reader reader, String source) throws IOException {
        List<String> wanted = normalization == null ? null : normalization.columns();
        CsvTable table = CsvTable.read(reader, source, ignored, wanted);
        float[][] rows = table.rows();
        if (rows.length < length) {
            throw new IOException(source + ": " + rows.length + " data rows, fewer than one window of " + length);
        }
        int features = table.columns().size();
        long count = (rows.length - length) / stride + 1L;
        if (count * ((long) length * features) > SequenceDataset.MAX_VALUES) {
            throw new IOException(source + ": " + count + " windows of " + length + " x " + features
                    + " would exceed the limit of " + SequenceDataset.MAX_VALUES + " values; use a larger stride");
        }
        Normalization scaling = normalization == null ? Normalization.fit(rows, table.columns()) : normalization;
        float[][] windows = new float[(int) count][];
        for (int w = 0; w < windows.length; w++) {
            windows[w] = scaling.apply(flatten(rows, w * stride, length, features));
        }
        return SequenceDataset.adopt(length, features, windows, null, scaling);
    }

    private static float[] flatten(float[][] rows, int from, int length, int features) {
        float[] window = new float[length * features];
        for (int t = 0; t < length; t++) {
            System.arraycopy(rows[from + t], 0, window, t * features, features);
        }
        return window;
    }
}
