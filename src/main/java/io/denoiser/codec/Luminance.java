package io.denoiser.codec;

/**
 * The luminance of a colour image, for models that take one fixed single-channel shape (the digit models):
 * they always saw colour images this way. The ITU-R BT.601 weights are the ones the codec used before it
 * decoded colour, so those models answer a colour image exactly as they did.
 */
public final class Luminance {

    private static final float RED = 0.299f;
    private static final float GREEN = 0.587f;
    private static final float BLUE = 0.114f;

    private Luminance() {
    }

    /** True for a channel-first RGB image {@code [3, H, W]}, as the codec decodes a colour PNG or JPEG. */
    public static boolean isColour(Tensor image) {
        return image.shape().length == 3 && image.shape()[0] == 3;
    }

    /** {@code [H, W]} luminance of a {@code [3, H, W]} RGB image. */
    public static Tensor of(Tensor rgb) {
        if (!isColour(rgb)) {
            throw new IllegalArgumentException("luminance needs a [3, H, W] image");
        }
        int planeSize = rgb.values().length / 3;
        float[] values = rgb.values();
        float[] gray = new float[planeSize];
        for (int i = 0; i < planeSize; i++) {
            gray[i] = RED * values[i] + GREEN * values[planeSize + i] + BLUE * values[2 * planeSize + i];
        }
        return new Tensor(new int[] {rgb.shape()[1], rgb.shape()[2]}, gray);
    }
}
