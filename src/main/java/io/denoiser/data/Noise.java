package io.denoiser.data;

/** Corrupts a clean record (an image or a time-major window) into a noisy one; stateful and seeded. */
@FunctionalInterface
public interface Noise {

    float[] apply(float[] clean);
}
