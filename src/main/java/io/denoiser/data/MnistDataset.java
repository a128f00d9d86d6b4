package io.denoiser.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Grayscale images and labels in the standard MNIST IDX format, gzipped or not, so the full 60k/10k
 * files work as well as the 10,000 digits bundled with the project. Pixels are kept as bytes.
 */
public final class MnistDataset {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** Held-out digits at the end of the bundled set; everything before them is for training. */
    public static final int TEST_SIZE = 2000;
    private static final long MAX_PIXELS = 256L * 1024 * 1024;
    private static final String BUNDLED = "/data/mnist/mnist-10k-";

    private final byte[] pixels;
    private final byte[] labels;
    private final int offset;
    private final int size;
    private final int rows;
    private final int cols;

    private MnistDataset(byte[] pixels, byte[] labels, int offset, int size, int rows, int cols) {
        this.pixels = pixels;
        this.labels = labels;
        this.offset = offset;
        this.size = size;
        this.rows = rows;
        this.cols = cols;
    }

    public static MnistDataset load(Path images, Path labels) throws IOException {
        try (InputStream imageStream = Files.newInputStream(images); InputStream labelStream = Files.newInputStream(labels)) {
            return read(imageStream, labelStream);
        }
    }

    /** The 10,000 digits shipped in the jar (provenance in their README). */
    public static MnistDataset bundled() {
        try (InputStream images = MnistDataset.class.getResourceAsStream(BUNDLED + "images-idx3-ubyte.gz");
             InputStream labels = MnistDataset.class.getResourceAsStream(BUNDLED + "labels-idx1-ubyte.gz")) {
            if (images == null || labels == null) {
                throw new IllegalStateException("bundled MNIST files missing from the classpath");
            }
            return read(images, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("bundled MNIST files unreadable", e);
        }
    }

    static MnistDataset read(InputStream images, InputStream labels) throws IOException {
        DataInputStream imageData = new DataInputStream(maybeGunzip(images));
        DataInputStream labelData = new DataInputStream(maybeGunzip(labels));
        requireMagic(imageData.readInt(), IMAGES_MAGIC, "images");
        int count = imageData.readInt();
        int rows = imageData.readInt();
        int cols = imageData.readInt();
        requireMagic(labelData.readInt(), LABELS_MAGIC, "labels");
        int labelCount = labelData.readInt();
        if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > MAX_PIXELS) {
            throw new IOException("implausible IDX image header: " + count + " x " + rows + " x " + cols);
        }
        if (labelCount != count) {
            throw new IOException(count + " images but " + labelCount + " labels");
        }
        byte[] pixels = new byte[count * rows * cols];
        byte[] labelBytes = new byte[count];
        imageData.readFully(pixels);
        labelData.readFully(labelBytes);
        return new MnistDataset(pixels, labelBytes, 0, count, rows, cols);
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    }

    private static void requireMagic(int actual, int expected, String what) throws IOException {
        if (actual != expected) {
            throw new IOException(String.format("not an IDX %s file: magic 0x%08x, expected 0x%08x", what, actual, expected));
        }
    }

    public int size() {
        return size;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Image {@code i} as a new row-major array of pixels scaled to [0, 1]. */
    public float[] image(int i) {
        int pixelCount = rows * cols;
        int start = (offset + checkIndex(i)) * pixelCount;
        float[] image = new float[pixelCount];
        for (int p = 0; p < pixelCount; p++) {
            image[p] = (pixels[start + p] & 0xff) / 255f;
        }
        return image;
    }

    /** All images, each as by {@link #image(int)}. */
    public float[][] images() {
        float[][] images = new float[size][];
        for (int i = 0; i < size; i++) {
            images[i] = image(i);
        }
        return images;
    }

    public int label(int i) {
        return labels[offset + checkIndex(i)];
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), sharing this data set's storage. */
    public MnistDataset slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + size);
        }
        return new MnistDataset(pixels, labels, offset + from, to - from, rows, cols);
    }

    /** All but the last {@value #TEST_SIZE} images: the first 8,000 of the bundled set. */
    public MnistDataset trainingSplit() {
        return slice(0, Math.max(0, size - TEST_SIZE));
    }

    /** The last {@value #TEST_SIZE} images, never trained on. */
    public MnistDataset testSplit() {
        return slice(Math.max(0, size - TEST_SIZE), size);
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("image " + i + " of " + size);
        }
        return i;
    }
}
