package io.denoiser.train;

/**
 * How photographs become training records.
 *
 * @param patchSize side of the square training patches
 * @param patches   patches drawn (at random places, flipped and rotated) for one training run
 * @param maxLevel  Gaussian noise levels are drawn from [0, maxLevel] per patch
 * @param levelExponent levels are drawn as {@code maxLevel * u^levelExponent}, u uniform: 1 = uniformly,
 *                  larger = low levels more often
 */
public record PhotoSettings(int patchSize, int patches, double maxLevel, double levelExponent) {

    public static final int DEFAULT_PATCH_SIZE = 96;
    public static final int DEFAULT_PATCHES = 8_000;
    /** 50/255: one model for the noise levels photographs usually show. */
    public static final double DEFAULT_MAX_LEVEL = 50.0 / 255;

    public PhotoSettings {
        if (patchSize < 8 || patches < 1 || !(maxLevel >= 0) || !(levelExponent > 0)) {
            throw new IllegalArgumentException("patch size >= 8, patches >= 1, noise level >= 0 and exponent > 0 needed");
        }
    }

    public static final double DEFAULT_LEVEL_EXPONENT = 1;

    public static PhotoSettings defaults() {
        return new PhotoSettings(DEFAULT_PATCH_SIZE, DEFAULT_PATCHES, DEFAULT_MAX_LEVEL, DEFAULT_LEVEL_EXPONENT);
    }
}
