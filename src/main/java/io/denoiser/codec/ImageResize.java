package io.denoiser.codec;

/** Bilinear resizing of a grayscale image tensor {@code [height, width]}, pixel centres aligned. */
public final class ImageResize {

    private ImageResize() {
    }

    public static Tensor bilinear(Tensor image, int height, int width) {
        int[] shape = image.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("resizing needs a [height, width] tensor");
        }
        int sourceHeight = shape[0];
        int sourceWidth = shape[1];
        float[] source = image.values();
        float[] resized = new float[height * width];
        for (int y = 0; y < height; y++) {
            float sy = clamp((y + 0.5f) * sourceHeight / height - 0.5f, sourceHeight - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, sourceHeight - 1);
            float fy = sy - y0;
            for (int x = 0; x < width; x++) {
                float sx = clamp((x + 0.5f) * sourceWidth / width - 0.5f, sourceWidth - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, sourceWidth - 1);
                float fx = sx - x0;
                float top = source[y0 * sourceWidth + x0] * (1 - fx) + source[y0 * sourceWidth + x1] * fx;
                float bottom = source[y1 * sourceWidth + x0] * (1 - fx) + source[y1 * sourceWidth + x1] * fx;
                resized[y * width + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return new Tensor(new int[] {height, width}, resized);
    }

    private static float clamp(float value, int max) {
        return Math.max(0f, Math.min(max, value));
    }
}
