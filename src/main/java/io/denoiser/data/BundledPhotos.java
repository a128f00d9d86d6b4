package io.denoiser.data;

import java.util.List;

/**
 * The scikit-image sample photos bundled under {@code /data/photos} (CC0 or public domain; provenance in
 * that folder's README): the ones the shipped photo model was trained on, and the ones held out to judge it.
 */
public final class BundledPhotos {

    public static final List<String> TRAINING = List.of("brick.png", "cell.png", "clock_motion.png", "grass.png",
            "gravel.png", "hubble_deep_field.jpg", "ihc.png", "motorcycle_left.png", "motorcycle_right.png",
            "page.png", "retina.jpg", "text.png");
    public static final List<String> HELD_OUT = List.of("astronaut.png", "camera.png", "coffee.png", "coins.png",
            "moon.png");

    private BundledPhotos() {
    }

    public static List<ImageFiles.Photo> training() {
        return ImageFiles.readBundled("train", TRAINING);
    }

    public static List<ImageFiles.Photo> heldOut() {
        return ImageFiles.readBundled("held-out", HELD_OUT);
    }
}
