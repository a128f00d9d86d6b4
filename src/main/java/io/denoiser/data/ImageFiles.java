package io.denoiser.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Photographs read from PNG and JPEG files as grayscale planes with values in [0, 1]. Colour is reduced
 * to its luminance with the ITU-R BT.709 weights scikit-image's {@code rgb2gray} uses, so figures match
 * what that library reports for the same photos.
 */
public final class ImageFiles {

    /** One grayscale photo: {@code height x width} values, row-major. */
    public record Photo(String name, int height, int width, float[] values) {

        /** The {@code [1, H, W]} shape a single-channel image model reads. */
        public int[] shape() {
            return new int[] {1, height, width};
        }
    }

    /** Larger photos are refused before decoding: 64 megapixels. */
    static final long MAX_PIXELS = 64L << 20;

    private ImageFiles() {
    }

    /** Every .png, .jpg and .jpeg file of {@code directory}, by file name. */
    public static List<Photo> readDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(ImageFiles::isImage).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no PNG or JPEG files in " + directory);
        }
        List<Photo> photos = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                photos.add(read(file.getFileName().toString(), in));
            }
        }
        return photos;
    }

    /** The photos bundled in the jar under {@code /data/photos/<folder>/}, listed by name. */
    public static List<Photo> readBundled(String folder, List<String> names) {
        List<Photo> photos = new ArrayList<>();
        for (String name : names) {
            String resource = "/data/photos/" + folder + "/" + name;
            try (InputStream in = ImageFiles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("bundled photo " + resource + " missing from the jar");
                }
                photos.add(read(name, in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return photos;
    }

    static Photo read(String name, InputStream in) throws IOException {
        BufferedImage image = ImageIO.read(in);
        if (image == null) {
            throw new IOException(name + " is not a PNG or JPEG image");
        }
        if ((long) image.getWidth() * image.getHeight() > MAX_PIXELS) {
            throw new IOException(name + " has more than " + MAX_PIXELS + " pixels");
        }
        return new Photo(name, image.getHeight(), image.getWidth(), luminance(image));
    }

    static float[] luminance(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] values = new float[width * height];
        Raster raster = image.getRaster();
        if (raster.getNumBands() == 1) {
            float scale = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    values[y * width + x] = raster.getSample(x, y, 0) / scale;
                }
            }
            return values;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                values[y * width + x] = (0.2125f * (rgb >> 16 & 0xff) + 0.7154f * (rgb >> 8 & 0xff)
                        + 0.0721f * (rgb & 0xff)) / 255f;
            }
        }
        return values;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }
}
