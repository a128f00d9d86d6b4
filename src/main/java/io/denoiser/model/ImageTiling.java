package io.denoiser.model;

import java.util.Arrays;

/**
 * What a fully convolutional image design accepts and how it runs: images of any height and width of at
 * least {@code minSize} pixels, with {@code channels} channels (a single-channel design denoises a colour
 * image plane by plane), cut into {@code tile} x {@code tile} tiles that overlap by {@code 2 * margin}.
 * Every batch the network sees is {@code tileBatch} tiles of one shape, so memory stays bounded and oneDNN
 * builds its kernels once, whatever the sizes of the images.
 *
 * @param sizeMultiple   the product of the design's strides: images are padded to a multiple of it
 * @param margin         at least the receptive field's radius, so that a tiled result equals the whole-image one
 * @param latentChannels length of an image's latent vector: its deepest features averaged over the image
 */
public record ImageTiling(int channels, int minSize, int sizeMultiple, int tile, int margin, int latentChannels,
                          int tileBatch) {

    public ImageTiling {
        if (tile % sizeMultiple != 0 || margin % sizeMultiple != 0 || tile <= 2 * margin) {
            throw new IllegalArgumentException("tile " + tile + " and margin " + margin
                    + " must be multiples of " + sizeMultiple + " with a centre left between the margins");
        }
    }

    /** Whether an image of {@code channels} x {@code height} x {@code width} can be denoised. */
    public boolean accepts(int imageChannels, int height, int width) {
        return (imageChannels == channels || channels == 1 && imageChannels == 3)
                && height >= minSize && width >= minSize;
    }

    /** [C, H, W] of an image shape [H, W] or [C, H, W]. */
    public static int[] chw(int[] shape) {
        if (shape.length == 2) {
            return new int[] {1, shape[0], shape[1]};
        }
        if (shape.length == 3) {
            return shape.clone();
        }
        throw new IllegalArgumentException("an image is [H, W] or [C, H, W], not " + Arrays.toString(shape));
    }

    /** Distance between the origins of neighbouring tiles. */
    int stride() {
        return tile - 2 * margin;
    }
}
