package io.denoiser.codec;

import io.denoiser.codec.InvalidRecordException.Reason;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * PNG and JPEG images as grayscale tensors {@code [height, width]} with values in [0, 1]. The declared
 * dimensions are read from the header and checked against the element limit before any pixel is decoded.
 * Colour images are reduced to their luminance (ITU-R BT.601 weights), as a grayscale model expects.
 */
final class ImageCodec {

    static {
        // ImageIO caches streams in temporary files by default; the service runs on a read-only filesystem.
        ImageIO.setUseCache(false);
    }

    private final long maxElements;

    ImageCodec(long maxElements) {
        this.maxElements = maxElements;
    }

    Tensor decode(byte[] bytes, TensorFormat format) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageFormatName());
            if (!readers.hasNext()) {
                throw new InvalidRecordException(Reason.UNKNOWN_FORMAT, "no " + format + " reader in this JVM");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int height = reader.getHeight(0);
                int width = reader.getWidth(0);
                TensorCodec.checkedElementCount(new int[] {height, width}, maxElements);
                return grayscale(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidRecordException invalid) {
                throw invalid;
            }
            throw new InvalidRecordException(Reason.UNPARSABLE, format + " image unreadable: " + e.getMessage());
        }
    }

    /** An 8-bit grayscale image of a rank-2 tensor (after dropping size-1 dimensions), values clipped to [0, 1]. */
    byte[] encode(Tensor tensor, TensorFormat format) {
        int[] shape = squeezed(tensor.shape());
        BufferedImage image = new BufferedImage(shape[1], shape[0], BufferedImage.TYPE_BYTE_GRAY);
        int[] pixels = new int[tensor.values().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.round(Math.min(1f, Math.max(0f, tensor.values()[i])) * 255f);
        }
        image.getRaster().setPixels(0, 0, shape[1], shape[0], pixels);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format.imageFormatName(), out)) {
                throw new IllegalStateException("no " + format + " writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int[] squeezed(int[] shape) {
        int[] kept = Arrays.stream(shape).filter(d -> d != 1).toArray();
        if (kept.length > 2) {
            throw new IllegalArgumentException("an image holds a rank-2 tensor, not " + Arrays.toString(shape));
        }
        return kept.length == 2 ? kept : kept.length == 1 ? new int[] {1, kept[0]} : new int[] {1, 1};
    }

    private static Tensor grayscale(BufferedImage image) {
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
        } else {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int rgb = image.getRGB(x, y);
                    values[y * width + x] = (0.299f * (rgb >> 16 & 0xff) + 0.587f * (rgb >> 8 & 0xff)
                            + 0.114f * (rgb & 0xff)) / 255f;
                }
            }
        }
        return new Tensor(new int[] {height, width}, values);
    }
}
