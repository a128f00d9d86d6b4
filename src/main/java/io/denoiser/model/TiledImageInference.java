package io.denoiser.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a fully convolutional image network on images of any size: every plane of every image is cut into
 * tiles, all the tiles go through the network {@link ImageTiling#tileBatch()} at a time (the last batch
 * filled up with blank tiles, so the network only ever sees one batch shape), and each plane is stitched
 * back. A colour image given to a single-channel design is denoised plane by plane. Each plane's noise level
 * is estimated over the whole plane and given with each of its tiles.
 */
final class TiledImageInference {

    private final ImageTiling tiling;
    private final ImageTiler tiler;
    private final InferenceEngine network;

    TiledImageInference(ImageTiling tiling, InferenceEngine network) {
        this.tiling = tiling;
        this.tiler = new ImageTiler(tiling);
        this.network = network;
    }

    /** One tile: the image and the plane's plan it belongs to, and its place in that plan. */
    private record Tile(int image, ImageTiler.Plan plan, int index, float[] values, float noiseLevel) {
    }

    /** @param shapes each image's [H, W] or [C, H, W], with its values channel by channel in row-major order */
    Reconstruction reconstruct(float[][] images, int[][] shapes) {
        List<ImageTiler.Plan> plans = new ArrayList<>();
        List<Tile> tiles = new ArrayList<>();
        double[][] sums = new double[images.length][tiling.latentChannels()];
        long[] cells = new long[images.length];
        for (int i = 0; i < images.length; i++) {
            int[] chw = ImageTiling.chw(shapes[i]);
            if (!tiling.accepts(chw[0], chw[1], chw[2]) || images[i].length != chw[0] * chw[1] * chw[2]) {
                throw new IllegalArgumentException("image " + i + " of shape " + Arrays.toString(shapes[i])
                        + " and " + images[i].length + " values does not suit " + tiling);
            }
            int planeSize = chw[1] * chw[2];
            for (int channel = 0; channel < chw[0]; channel++) {
                ImageTiler.Plan plan = tiler.plan(chw[1], chw[2]);
                plans.add(plan);
                cells[i] += tiler.cells(plan);
                float level = NoiseLevels.estimate(images[i], channel * planeSize, chw[1], chw[2]);
                float[][] cut = tiler.cut(Arrays.copyOfRange(images[i], channel * planeSize, (channel + 1) * planeSize), plan);
                for (int t = 0; t < cut.length; t++) {
                    tiles.add(new Tile(i, plan, t, cut[t], level));
                }
            }
        }
        float[][] denoised = run(tiles, sums);
        return assemble(images, shapes, plans, denoised, sums, cells);
    }

    private Reconstruction assemble(float[][] images, int[][] shapes, List<ImageTiler.Plan> plans, float[][] tiles,
                                    double[][] sums, long[] cells) {
        float[][] outputs = new float[images.length][];
        float[][] latents = new float[images.length][];
        int plane = 0;
        int tile = 0;
        for (int i = 0; i < images.length; i++) {
            float[] output = new float[images[i].length];
            for (int channel = 0; channel < ImageTiling.chw(shapes[i])[0]; channel++) {
                ImageTiler.Plan plan = plans.get(plane++);
                float[] stitched = tiler.stitch(Arrays.copyOfRange(tiles, tile, tile + plan.tileCount()), plan);
                System.arraycopy(stitched, 0, output, channel * stitched.length, stitched.length);
                tile += plan.tileCount();
            }
            float[] latent = new float[sums[i].length];
            for (int c = 0; c < latent.length; c++) {
                latent[c] = (float) (sums[i][c] / cells[i]);
            }
            outputs[i] = output;
            latents[i] = latent;
        }
        return new Reconstruction(outputs, latents);
    }

    /**
     * Every tile through the network, in batches of exactly {@code tileBatch} tiles; each tile's feature map is
     * summed into its image's {@code sums} as soon as its batch is done, so no more than a batch of maps is held.
     */
    private float[][] run(List<Tile> tiles, double[][] sums) {
        int batch = tiling.tileBatch();
        float[][] outputs = new float[tiles.size()][];
        float[] blank = new float[tiling.tile() * tiling.tile()];
        for (int start = 0; start < tiles.size(); start += batch) {
            int count = Math.min(batch, tiles.size() - start);
            float[][] chunk = new float[batch][];
            float[] levels = new float[batch];
            Arrays.fill(chunk, blank);
            for (int j = 0; j < count; j++) {
                chunk[j] = tiles.get(start + j).values();
                levels[j] = tiles.get(start + j).noiseLevel();
            }
            Reconstruction result = network.reconstruct(chunk, levels);
            for (int j = 0; j < count; j++) {
                Tile tile = tiles.get(start + j);
                outputs[start + j] = result.outputs()[j];
                tiler.addLatentSums(result.latents()[j], tile.plan(), tile.index(), sums[tile.image()]);
            }
        }
        return outputs;
    }

    /** Builds the network's kernels for its one batch shape. */
    void warmUp() {
        float[][] chunk = new float[tiling.tileBatch()][];
        Arrays.fill(chunk, new float[tiling.tile() * tiling.tile()]);
        network.reconstruct(chunk, new float[chunk.length]);
    }
}
