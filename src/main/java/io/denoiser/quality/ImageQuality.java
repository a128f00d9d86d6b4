package io.denoiser.quality;

/** Reconstruction quality of images with pixels in [0, 1]. */
public final class ImageQuality {

    /** PSNR reported for identical images, where the true value is infinite. */
    public static final double IDENTICAL_PSNR_DB = 100.0;

    private ImageQuality() {
    }

    public static double mse(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("images differ in size: " + a.length + " vs " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double difference = a[i] - b[i];
            sum += difference * difference;
        }
        return sum / a.length;
    }

    /** Peak signal-to-noise ratio in dB with peak 1.0, capped at {@link #IDENTICAL_PSNR_DB}. */
    public static double psnr(float[] clean, float[] other) {
        double mse = mse(clean, other);
        return mse == 0 ? IDENTICAL_PSNR_DB : Math.min(IDENTICAL_PSNR_DB, -10 * Math.log10(mse));
    }

    /** Mean of per-image PSNR: the figure the project reports for a set of images. */
    public static double meanPsnr(float[][] clean, float[][] other) {
        if (clean.length != other.length || clean.length == 0) {
            throw new IllegalArgumentException("image sets differ in size: " + clean.length + " vs " + other.length);
        }
        double sum = 0;
        for (int i = 0; i < clean.length; i++) {
            sum += psnr(clean[i], other[i]);
        }
        return sum / clean.length;
    }
}
