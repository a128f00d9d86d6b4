package io.denoiser.evaluate;

import io.denoiser.quality.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A picture of what a similarity search over latent vectors returns: one row per query, the query's image
 * first, then the images of its nearest neighbours by cosine similarity, best first.
 */
public final class NeighbourGrid {

    public static final int NEIGHBOURS = 8;

    private NeighbourGrid() {
    }

    /**
     * @param images   one image per item (row-major pixels in [0, 1])
     * @param vectors  the latent vector of each item, in one space
     * @param queries  the items whose rows are drawn
     */
    public static void writePng(Path file, float[][] images, float[][] vectors, int[] queries, int imageRows,
                                int imageCols) throws IOException {
        ImageGrid.writePng(file, rows(images, vectors, queries), imageRows, imageCols, 3);
    }

    static List<float[][]> rows(float[][] images, float[][] vectors, int[] queries) {
        if (images.length != vectors.length) {
            throw new IllegalArgumentException(images.length + " images but " + vectors.length + " vectors");
        }
        ExactNeighbours index = new ExactNeighbours(vectors);
        List<float[][]> rows = new ArrayList<>(queries.length);
        for (int query : queries) {
            int[] nearest = index.nearest(vectors[query], NEIGHBOURS, query);
            float[][] row = new float[nearest.length + 1][];
            row[0] = images[query];
            for (int n = 0; n < nearest.length; n++) {
                row[n + 1] = images[nearest[n]];
            }
            rows.add(row);
        }
        return rows;
    }
}
