package io.denoiser.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Square training patches cut from photos at random places, each flipped and rotated by a random multiple
 * of 90 degrees, and the fixed validation patches of a strip kept apart from them: the bottom
 * {@link #VALIDATION_SHARE} (at least one patch high) of every photo at least four patches high never
 * yields a training patch.
 */
public final class PhotoPatches {

    static final double VALIDATION_SHARE = 0.125;

    private PhotoPatches() {
    }

    /** {@code count} random patches of {@code size} x {@code size}, drawn from photos in proportion to their area. */
    public static float[][] training(List<ImageFiles.Photo> photos, int size, int count, long seed) {
        List<ImageFiles.Photo> usable = photos.stream()
                .filter(p -> trainingRows(p, size) >= size && p.width() >= size).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no photo has room for a " + size + "x" + size + " patch");
        }
        long[] cumulativeArea = new long[usable.size()];
        long area = 0;
        for (int i = 0; i < usable.size(); i++) {
            area += (long) trainingRows(usable.get(i), size) * usable.get(i).width();
            cumulativeArea[i] = area;
        }
        Random random = new Random(seed);
        float[][] patches = new float[count][];
        for (int n = 0; n < count; n++) {
            long pick = (long) (random.nextDouble() * area);
            int index = 0;
            while (cumulativeArea[index] <= pick) {
                index++;
            }
            ImageFiles.Photo photo = usable.get(index);
            int top = random.nextInt(trainingRows(photo, size) - size + 1);
            int left = random.nextInt(photo.width() - size + 1);
            patches[n] = transformed(crop(photo, top, left, size), size, random.nextInt(8));
        }
        return patches;
    }

    /** The non-overlapping {@code size} x {@code size} patches of every photo's validation strip. */
    public static float[][] validation(List<ImageFiles.Photo> photos, int size) {
        List<float[]> patches = new ArrayList<>();
        for (ImageFiles.Photo photo : photos) {
            for (int top = trainingRows(photo, size); top + size <= photo.height(); top += size) {
                for (int left = 0; left + size <= photo.width(); left += size) {
                    patches.add(crop(photo, top, left, size));
                }
            }
        }
        return patches.toArray(float[][]::new);
    }

    private static int trainingRows(ImageFiles.Photo photo, int size) {
        if (photo.height() < 4 * size) {
            return photo.height();
        }
        return photo.height() - Math.max(size, (int) Math.ceil(photo.height() * VALIDATION_SHARE));
    }

    private static float[] crop(ImageFiles.Photo photo, int top, int left, int size) {
        float[] patch = new float[size * size];
        for (int y = 0; y < size; y++) {
            System.arraycopy(photo.values(), (top + y) * photo.width() + left, patch, y * size, size);
        }
        return patch;
    }

    /** One of the 8 symmetries of the square: bit 0 mirrors, bits 1-2 rotate by 90 degrees that many times. */
    static float[] transformed(float[] patch, int size, int symmetry) {
        float[] out = new float[patch.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sx = (symmetry & 1) == 0 ? x : size - 1 - x;
                int sy = y;
                for (int r = 0; r < symmetry >> 1; r++) {
                    int turned = sx;
                    sx = sy;
                    sy = size - 1 - turned;
                }
                out[y * size + x] = patch[sy * size + sx];
            }
        }
        return out;
    }
}
