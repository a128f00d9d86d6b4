package io.denoiser.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-feature min-max scaling of time-major windows into [0, 1] (the range of the models' sigmoid output),
 * and back. It is fitted on training data and travels in a model's JSON metadata ({@link #toMap()}), so live
 * data is scaled exactly as the data the model learnt from.
 *
 * <p>Values outside the fitted range saturate at 0 or 1, because the model could not reproduce them anyway.
 * A constant feature ({@code min == max}) maps to 0.5, the middle of the sigmoid's range, where noise is not
 * clipped on one side only; it inverts to its constant.
 */
public record Normalization(float[] min, float[] max, List<String> columns) {

    private static final double CONSTANT_FEATURE_LEVEL = 0.5;

    public Normalization {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        columns = List.copyOf(columns);
        if (min.length == 0 || min.length != max.length || min.length != columns.size()) {
            throw new IllegalArgumentException("normalization needs one min, max and column name per feature; got "
                    + min.length + " mins, " + max.length + " maxes, " + columns.size() + " columns");
        }
        min = min.clone();
        max = max.clone();
        for (int f = 0; f < min.length; f++) {
            if (!Float.isFinite(min[f]) || !Float.isFinite(max[f]) || min[f] > max[f]) {
                throw new IllegalArgumentException("feature '" + columns.get(f) + "': invalid range [" + min[f] + ", "
                        + max[f] + "]");
            }
        }
    }

    /** The range of each column over {@code rows}, each row holding one value per column. */
    public static Normalization fit(float[][] rows, List<String> columns) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a normalization on no rows");
        }
        float[] min = rows[0].clone();
        float[] max = rows[0].clone();
        for (float[] row : rows) {
            if (row.length != min.length) {
                throw new IllegalArgumentException("row of " + row.length + " values, expected " + min.length);
            }
            for (int f = 0; f < row.length; f++) {
                min[f] = Math.min(min[f], row[f]);
                max[f] = Math.max(max[f], row[f]);
            }
        }
        return new Normalization(min, max, columns);
    }

    public int features() {
        return min.length;
    }

    @Override
    public float[] min() {
        return min.clone();
    }

    @Override
    public float[] max() {
        return max.clone();
    }

    /** A scaled copy of a time-major window in source units; results lie in [0, 1]. */
    public float[] apply(float[] window) {
        float[] scaled = new float[checkLayout(window)];
        for (int i = 0; i < scaled.length; i++) {
            int f = i % min.length;
            double range = (double) max[f] - min[f];
            double value = range == 0 ? CONSTANT_FEATURE_LEVEL : (window[i] - (double) min[f]) / range;
            scaled[i] = (float) Math.min(1.0, Math.max(0.0, value));
        }
        return scaled;
    }

    /** A copy of a scaled time-major window (e.g. a model's output) in source units. */
    public float[] invert(float[] window) {
        float[] restored = new float[checkLayout(window)];
        for (int i = 0; i < restored.length; i++) {
            int f = i % min.length;
            restored[i] = (float) (min[f] + window[i] * ((double) max[f] - min[f]));
        }
        return restored;
    }

    /** {@code {"min": [...], "max": [...], "columns": [...]}}, ready for a JSON writer. */
    public Map<String, Object> toMap() {
        return Map.of("min", boxed(min), "max", boxed(max), "columns", columns);
    }

    /** The inverse of {@link #toMap()}, accepting any numbers a JSON reader produces; checks everything. */
    public static Normalization fromMap(Map<String, ?> map) {
        List<?> columns = listEntry(map, "columns");
        List<String> names = new ArrayList<>(columns.size());
        for (Object column : columns) {
            if (!(column instanceof String name)) {
                throw new IllegalArgumentException("normalization 'columns' must hold strings, found " + column);
            }
            names.add(name);
        }
        return new Normalization(floats(listEntry(map, "min"), "min"), floats(listEntry(map, "max"), "max"), names);
    }

    private int checkLayout(float[] window) {
        if (window.length % min.length != 0) {
            throw new IllegalArgumentException("window of " + window.length + " values is not whole time steps of "
                    + min.length + " features");
        }
        return window.length;
    }

    private static List<Float> boxed(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float value : values) {
            list.add(value);
        }
        return List.copyOf(list);
    }

    private static List<?> listEntry(Map<String, ?> map, String key) {
        if (!(map.get(key) instanceof List<?> list)) {
            throw new IllegalArgumentException("normalization needs a list '" + key + "', found " + map.get(key));
        }
        return list;
    }

    private static float[] floats(List<?> list, String key) {
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            if (!(list.get(i) instanceof Number number)) {
                throw new IllegalArgumentException("normalization '" + key + "' must hold numbers, found " + list.get(i));
            }
            values[i] = number.floatValue();
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization that && Arrays.equals(min, that.min) && Arrays.equals(max, that.max)
                && columns.equals(that.columns);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(min) + Arrays.hashCode(max)) + columns.hashCode();
    }

    @Override
    public String toString() {
        return "Normalization" + columns + " min " + Arrays.toString(min) + " max " + Arrays.toString(max);
    }
}
