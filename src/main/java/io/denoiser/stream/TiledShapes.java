package io.denoiser.stream;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.InvalidRecordException.Reason;
import io.denoiser.model.ImageTiling;
import java.util.Arrays;

/** Which record shapes a tiled image model accepts, and in words why it refuses the others. */
final class TiledShapes {

    private TiledShapes() {
    }

    /**
     * The image {@code [H, W]} or {@code [C, H, W]} a tensor of {@code shape} holds for {@code tiling} (leading
     * size-1 dimensions beyond three dropped, so a batch of one {@code [1, C, H, W]} passes too).
     *
     * @throws InvalidRecordException {@code WRONG_SHAPE} if the model cannot denoise it
     */
    static int[] imageShape(int[] shape, ImageTiling tiling) {
        int first = 0;
        while (shape.length - first > 3 && shape[first] == 1) {
            first++;
        }
        int[] image = Arrays.copyOfRange(shape, first, shape.length);
        if (image.length < 2 || image.length > 3) {
            throw refused(shape, "not an image; the model takes [H, W] or [C, H, W] of any size");
        }
        int channels = image.length == 3 ? image[0] : 1;
        int height = image[image.length - 2];
        int width = image[image.length - 1];
        if (!tiling.accepts(channels, Math.max(height, tiling.minSize()), Math.max(width, tiling.minSize()))) {
            throw refused(shape, channels + " channels; the model takes " + (tiling.channels() == 1
                    ? "1 or 3 (RGB plane by plane)" : Integer.toString(tiling.channels())));
        }
        if (!tiling.accepts(channels, height, width)) {
            throw refused(shape, height + "x" + width + " pixels; the model takes at least "
                    + tiling.minSize() + "x" + tiling.minSize());
        }
        return image;
    }

    private static InvalidRecordException refused(int[] shape, String why) {
        return new InvalidRecordException(Reason.WRONG_SHAPE, "shape " + Arrays.toString(shape) + ": " + why);
    }
}
