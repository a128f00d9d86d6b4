package io.denoiser.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The numeric feature columns of a CSV file that starts with a header row, read strictly: any problem is an
 * {@link IOException} naming the source and line, and no size read from the file is trusted.
 */
record CsvTable(List<String> columns, float[][] rows) {

    static final int MAX_LINE_CHARS = 1 << 20;
    private static final int MAX_NUMBER_CHARS = 64;
    // Spreadsheet exports often start with one; it would otherwise glue itself to the first column name.
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    // Plain decimal notation only: Float.parseFloat alone would also take "NaN", "1f" or hex.
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    /**
     * Reads {@code reader} to its end.
     *
     * @param ignored lower-case column names that are never features (timestamps)
     * @param wanted the feature columns in order, or null for every column not ignored whose first value is a
     *     number (so a textual timestamp column drops out by itself)
     */
    static CsvTable read(Reader reader, String source, Set<String> ignored, List<String> wanted) throws IOException {
        Reader limited = new LineLimitedReader(reader, MAX_LINE_CHARS);
        try (CSVParser parser = CSVParser.builder().setReader(limited).setFormat(FORMAT).get()) {
            return new Parse(parser, source).table(ignored, wanted);
        } catch (UncheckedIOException e) {
            // The parser's iterator wraps syntax errors (e.g. an unclosed quote) and our line limit.
            throw new IOException(source + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The state of one pass over a file. */
    private static final class Parse {

        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final String source;
        private List<String> header;

        Parse(CSVParser parser, String source) {
            this.parser = parser;
            this.records = parser.iterator();
            this.source = source;
        }

        CsvTable table(Set<String> ignored, List<String> wanted) throws IOException {
            if (!records.hasNext()) {
                throw new IOException(source + ": empty file, expected a header row of column names");
            }
            header = checkedHeader(records.next());
            if (!records.hasNext()) {
                return new CsvTable(wanted == null ? List.of() : wanted, new float[0][]);
            }
            CSVRecord first = checkedRow(records.next());
            int[] selected = wanted == null ? numericColumns(first, ignored) : namedColumns(wanted);
            List<String> names = new ArrayList<>(selected.length);
            for (int column : selected) {
                names.add(header.get(column));
            }
            List<float[]> rows = new ArrayList<>();
            rows.add(values(first, selected));
            while (records.hasNext()) {
                CSVRecord record = checkedRow(records.next());
                if ((rows.size() + 1L) * selected.length > SequenceDataset.MAX_VALUES) {
                    throw error("more than " + SequenceDataset.MAX_VALUES + " values, too large to load");
                }
                rows.add(values(record, selected));
            }
            return new CsvTable(List.copyOf(names), rows.toArray(new float[0][]));
        }

        private List<String> checkedHeader(CSVRecord record) throws IOException {
            List<String> names = new ArrayList<>(record.toList());
            if (names.get(0).startsWith(BYTE_ORDER_MARK)) {
                names.set(0, names.get(0).substring(1).strip());
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).isEmpty()) {
                    throw error("column " + (i + 1) + " of the header row has no name");
                }
                if (!seen.add(names.get(i))) {
                    throw error("column name '" + names.get(i) + "' appears twice in the header row");
                }
            }
            if (names.stream().allMatch(CsvTable::isNumber)) {
                throw error("expected a header row of column names, found only numbers");
            }
            return names;
        }

        private CSVRecord checkedRow(CSVRecord record) throws IOException {
            if (record.size() != header.size()) {
                throw error(record.size() + " values, but the header row names " + header.size() + " columns");
            }
            return record;
        }

        private int[] numericColumns(CSVRecord first, Set<String> ignored) throws IOException {
            int[] columns = new int[header.size()];
            int count = 0;
            for (int i = 0; i < header.size(); i++) {
                if (!ignored.contains(header.get(i).toLowerCase(Locale.ROOT)) && isNumber(first.get(i))) {
                    columns[count++] = i;
                }
            }
            if (count == 0) {
                throw error("no numeric feature column (columns " + header + ")");
            }
            return Arrays.copyOf(columns, count);
        }

        private int[] namedColumns(List<String> wanted) throws IOException {
            int[] columns = new int[wanted.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = header.indexOf(wanted.get(i));
                if (columns[i] < 0) {
                    throw new IOException(source + ": no column '" + wanted.get(i) + "' in the header row " + header);
                }
            }
            return columns;
        }

        private float[] values(CSVRecord record, int[] columns) throws IOException {
            float[] values = new float[columns.length];
            for (int i = 0; i < columns.length; i++) {
                String cell = record.get(columns[i]);
                float value = isNumber(cell) ? Float.parseFloat(cell) : Float.NaN;
                if (!Float.isFinite(value)) {
                    throw error("column '" + header.get(columns[i]) + "': '" + abbreviated(cell)
                            + "' is not a number in float range");
                }
                values[i] = value;
            }
            return values;
        }

        private IOException error(String problem) {
            return new IOException(source + " line " + parser.getCurrentLineNumber() + ": " + problem);
        }
    }

    private static boolean isNumber(String cell) {
        return cell.length() <= MAX_NUMBER_CHARS && NUMBER.matcher(cell).matches();
    }

    private static String abbreviated(String cell) {
        return cell.length() <= MAX_NUMBER_CHARS ? cell : cell.substring(0, MAX_NUMBER_CHARS) + "...";
    }
}
