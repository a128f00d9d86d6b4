package io.denoiser.train;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.model.ImageTiling;
import java.util.Arrays;

/**
 * Which clean records a trainer keeps: records of the one shape a fixed-shape model trains on, or, for a
 * tiled image design, images of any size the design accepts that are large enough for a training patch.
 */
abstract sealed class CleanSampleShape {

    /** Throws {@link InvalidRecordException} for a record the trainer cannot learn from. */
    abstract void check(Tensor sample);

    /** A clean record as this trainer reads it: a fixed-shape model's images in grayscale, a tiled one's as sent. */
    abstract Tensor decode(TensorCodec codec, byte[] value);

    static CleanSampleShape fixed(int values) {
        return new Fixed(values);
    }

    static CleanSampleShape anyImage(ImageTiling tiling, int patchSize) {
        return new AnyImage(tiling, patchSize);
    }

    /** [C, H, W] of an image tensor [H, W] or [C, H, W]; anything else is a record the trainer skips. */
    static int[] chw(int[] shape) {
        try {
            return ImageTiling.chw(shape);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_SHAPE, e.getMessage());
        }
    }

    private static final class Fixed extends CleanSampleShape {

        private final int values;

        Fixed(int values) {
            this.values = values;
        }

        @Override
        Tensor decode(TensorCodec codec, byte[] value) {
            return codec.decodeDetectingGrayscale(value);
        }

        @Override
        void check(Tensor sample) {
            if (sample.values().length != values) {
                throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_SHAPE,
                        sample.values().length + " values, expected " + values);
            }
        }
    }

    private static final class AnyImage extends CleanSampleShape {

        private final ImageTiling tiling;
        private final int patchSize;

        AnyImage(ImageTiling tiling, int patchSize) {
            this.tiling = tiling;
            this.patchSize = patchSize;
        }

        @Override
        Tensor decode(TensorCodec codec, byte[] value) {
            return codec.decodeDetecting(value);
        }

        @Override
        void check(Tensor sample) {
            int[] chw = chw(sample.shape());
            if (!tiling.accepts(chw[0], chw[1], chw[2]) || chw[1] < patchSize || chw[2] < patchSize) {
                throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_SHAPE, "image "
                        + Arrays.toString(sample.shape()) + ": needs " + tiling.channels() + " channel(s) (or RGB) and at least "
                        + patchSize + "x" + patchSize + " pixels for a training patch");
            }
        }
    }
}
