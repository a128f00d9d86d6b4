package io.denoiser.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one image plane into the fixed-size overlapping tiles of an {@link ImageTiling} and stitches the
 * denoised tiles back together.
 *
 * <p>The plane is first extended at the bottom and right, by mirroring it, to a multiple of the design's
 * size multiple and to at least one tile. Tiles start at multiples of that multiple, so each one sees the
 * same stride-2 grid as the whole image would, and neighbours overlap by twice the margin. Each output
 * pixel is taken from a tile in which it lies at least a margin away from every edge that is not an edge of
 * the extended image; since the margin covers the receptive field, the stitched result is the network's
 * output on the whole extended image, only computed in bounded pieces.
 */
final class ImageTiler {

    /** Where the tiles of one plane sit, along one axis: origins and the range of rows (or columns) each keeps. */
    record Axis(int padded, int[] origins, int[] keepFrom, int[] keepTo) {
    }

    /** The tiles of one plane of {@code height} x {@code width}. */
    record Plan(int height, int width, Axis rows, Axis columns) {

        int tileCount() {
            return rows.origins().length * columns.origins().length;
        }
    }

    private final ImageTiling tiling;

    ImageTiler(ImageTiling tiling) {
        this.tiling = tiling;
    }

    Plan plan(int height, int width) {
        return new Plan(height, width, axis(height), axis(width));
    }

    private Axis axis(int size) {
        int multiple = tiling.sizeMultiple();
        int padded = Math.max(tiling.tile(), (size + multiple - 1) / multiple * multiple);
        List<Integer> origins = new ArrayList<>();
        for (int origin = 0; origin + tiling.tile() < padded; origin += tiling.stride()) {
            origins.add(origin);
        }
        origins.add(padded - tiling.tile());
        int count = origins.size();
        int[] start = origins.stream().mapToInt(Integer::intValue).toArray();
        int[] keepFrom = new int[count];
        int[] keepTo = new int[count];
        for (int i = 0; i < count; i++) {
            keepFrom[i] = i == 0 ? 0 : start[i] + tiling.margin();
            keepTo[i] = i == count - 1 ? padded : start[i + 1] + tiling.margin();
        }
        return new Axis(padded, start, keepFrom, keepTo);
    }

    /** The tiles of {@code plane} (row-major {@code height x width}), row of tiles by row of tiles. */
    float[][] cut(float[] plane, Plan plan) {
        int tile = tiling.tile();
        float[][] tiles = new float[plan.tileCount()][];
        int index = 0;
        for (int rowOrigin : plan.rows().origins()) {
            for (int columnOrigin : plan.columns().origins()) {
                float[] values = new float[tile * tile];
                for (int y = 0; y < tile; y++) {
                    int sourceRow = mirror(rowOrigin + y, plan.height()) * plan.width();
                    for (int x = 0; x < tile; x++) {
                        values[y * tile + x] = plane[sourceRow + mirror(columnOrigin + x, plan.width())];
                    }
                }
                tiles[index++] = values;
            }
        }
        return tiles;
    }

    /** The denoised plane from its denoised tiles (in {@link #cut} order), clipped to [0, 1]. */
    float[] stitch(float[][] tiles, Plan plan) {
        int tile = tiling.tile();
        float[] plane = new float[plan.height() * plan.width()];
        forEachKept(plan, (index, rowOrigin, columnOrigin, row, column) -> {
            float value = tiles[index][(row - rowOrigin) * tile + column - columnOrigin];
            plane[row * plan.width() + column] = Math.min(1f, Math.max(0f, value));
        });
        return plane;
    }

    /**
     * Adds to {@code sums} (one per channel) the deepest features of the cells that tile {@code tile} of
     * {@code plan} keeps, from its CHW feature map at 1/{@code sizeMultiple} resolution. The kept cells of all
     * the tiles of a plane are the {@link #cells} of its whole extended plane, each once.
     */
    void addLatentSums(float[] map, Plan plan, int tile, double[] sums) {
        int cellSize = tiling.sizeMultiple();
        int cells = tiling.tile() / cellSize;
        Axis rows = plan.rows();
        Axis columns = plan.columns();
        int r = tile / columns.origins().length;
        int c = tile % columns.origins().length;
        for (int channel = 0; channel < sums.length; channel++) {
            double sum = 0;
            for (int y = (rows.keepFrom()[r] - rows.origins()[r]) / cellSize;
                 y < (rows.keepTo()[r] - rows.origins()[r]) / cellSize; y++) {
                for (int x = (columns.keepFrom()[c] - columns.origins()[c]) / cellSize;
                     x < (columns.keepTo()[c] - columns.origins()[c]) / cellSize; x++) {
                    sum += map[(channel * cells + y) * cells + x];
                }
            }
            sums[channel] += sum;
        }
    }

    /** Cells of the feature map of the whole extended plane. */
    long cells(Plan plan) {
        int cellSize = tiling.sizeMultiple();
        return (long) (plan.rows().padded() / cellSize) * (plan.columns().padded() / cellSize);
    }

    private interface KeptPixel {
        void accept(int tileIndex, int rowOrigin, int columnOrigin, int row, int column);
    }

    private static void forEachKept(Plan plan, KeptPixel action) {
        Axis rows = plan.rows();
        Axis columns = plan.columns();
        int index = 0;
        for (int r = 0; r < rows.origins().length; r++) {
            for (int c = 0; c < columns.origins().length; c++) {
                for (int row = rows.keepFrom()[r]; row < Math.min(rows.keepTo()[r], plan.height()); row++) {
                    for (int column = columns.keepFrom()[c]; column < Math.min(columns.keepTo()[c], plan.width()); column++) {
                        action.accept(index, rows.origins()[r], columns.origins()[c], row, column);
                    }
                }
                index++;
            }
        }
    }

    /** Index {@code i} of a mirrored extension of {@code 0..size-1} (…2 1 0 | 0 1 2 … size-1 | size-1 …). */
    static int mirror(int i, int size) {
        int period = 2 * size;
        int j = Math.floorMod(i, period);
        return j < size ? j : period - 1 - j;
    }
}
