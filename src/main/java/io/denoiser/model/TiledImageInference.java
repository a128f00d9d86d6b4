package io.denoiser.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a fully convolutional image network on images of any size: every plane of every image is cut into
 * tiles, all the tiles go through the network {@link ImageTiling#tileBatch()} at a time (the last batch
 * filled up with blank tiles, so the network only ever sees one batch shape), and each plane is stitched
 * back. A colour image given to a single-channel design is denoised plane by plane.
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

    /** @param shapes each image's [H, W] or [C, H, W], with its values channel by channel in row-major order */
    Reconstruction reconstruct(float[][] images, int[][] shapes) {
        List<ImageTiler.Plan> plans = new ArrayList<>();
        List<float[]> tiles = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            int[] chw = chw(shapes[i]);
            if (!tiling.accepts(chw[0], chw[1], chw[2]) || images[i].length != chw[0] * chw[1] * chw[2]) {
                throw new IllegalArgumentException("image " + i + " of shape " + Arrays.toString(shapes[i])
                        + " and " + images[i].length + " values does not suit " + tiling);
            }
            int planeSize = chw[1] * chw[2];
            for (int channel = 0; channel < chw[0]; channel++) {
                ImageTiler.Plan plan = tiler.plan(chw[1], chw[2]);
                plans.add(plan);
                float[] plane = Arrays.copyOfRange(images[i], channel * planeSize, (channel + 1) * planeSize);
                tiles.addAll(List.of(tiler.cut(plane, plan)));
            }
        }
        Reconstruction denoised = run(tiles.toArray(float[][]::new));
        return assemble(images, shapes, plans, denoised);
    }

    private Reconstruction assemble(float[][] images, int[][] shapes, List<ImageTiler.Plan> plans, Reconstruction tiles) {
        float[][] outputs = new float[images.length][];
        float[][] latents = new float[images.length][];
        int plane = 0;
        int tile = 0;
        for (int i = 0; i < images.length; i++) {
            int channels = chw(shapes[i])[0];
            float[] output = new float[images[i].length];
            double[] sums = new double[tiling.latentChannels()];
            long cells = 0;
            for (int channel = 0; channel < channels; channel++) {
                ImageTiler.Plan plan = plans.get(plane++);
                int count = plan.tileCount();
                float[][] planeTiles = Arrays.copyOfRange(tiles.outputs(), tile, tile + count);
                float[] stitched = tiler.stitch(planeTiles, plan);
                System.arraycopy(stitched, 0, output, channel * stitched.length, stitched.length);
                cells += tiler.addLatentSums(Arrays.copyOfRange(tiles.latents(), tile, tile + count), plan, sums);
                tile += count;
            }
            float[] latent = new float[sums.length];
            for (int c = 0; c < sums.length; c++) {
                latent[c] = (float) (sums[c] / cells);
            }
            outputs[i] = output;
            latents[i] = latent;
        }
        return new Reconstruction(outputs, latents);
    }

    /** Every tile through the network, in batches of exactly {@code tileBatch} tiles. */
    private Reconstruction run(float[][] tiles) {
        int batch = tiling.tileBatch();
        float[][] outputs = new float[tiles.length][];
        float[][] latents = new float[tiles.length][];
        float[] blank = new float[tiling.tile() * tiling.tile()];
        for (int start = 0; start < tiles.length; start += batch) {
            int count = Math.min(batch, tiles.length - start);
            float[][] chunk = Arrays.copyOfRange(tiles, start, start + batch);
            Arrays.fill(chunk, count, batch, blank);
            Reconstruction result = network.reconstruct(chunk);
            System.arraycopy(result.outputs(), 0, outputs, start, count);
            System.arraycopy(result.latents(), 0, latents, start, count);
        }
        return new Reconstruction(outputs, latents);
    }

    /** Builds the network's kernels for its one batch shape. */
    void warmUp() {
        float[][] chunk = new float[tiling.tileBatch()][];
        Arrays.fill(chunk, new float[tiling.tile() * tiling.tile()]);
        network.reconstruct(chunk);
    }

    /** [C, H, W] of an image shape [H, W] or [C, H, W]. */
    static int[] chw(int[] shape) {
        if (shape.length == 2) {
            return new int[] {1, shape[0], shape[1]};
        }
        if (shape.length == 3) {
            return shape.clone();
        }
        throw new IllegalArgumentException("an image is [H, W] or [C, H, W], not " + Arrays.toString(shape));
    }
}
