package io.denoiser.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.denoiser.codec.InvalidRecordException.Reason;
import io.denoiser.quality.ImageQuality;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TensorCodecTest {

    private final TensorCodec codec = new TensorCodec(4096);

    @Test
    void shouldRoundTripFloat32AndJsonExactly() {
        Tensor tensor = new Tensor(new int[] {2, 3}, new float[] {0f, 0.25f, 0.5f, 0.75f, 1f, 0.125f});
        assertThat(codec.decodeDetecting(codec.encodeFloat32(tensor)).values()).containsExactly(tensor.values());
        Tensor fromJson = codec.decodeDetecting(codec.encodeJson(tensor));
        assertThat(fromJson.shape()).containsExactly(2, 3);
        assertThat(fromJson.values()).containsExactly(tensor.values());
    }

    /** What numpy writes with {@code struct.pack(">BBii", 3, 2, 2, 2) + values.astype("<f4").tobytes()}. */
    @Test
    void shouldReadLittleEndianFloat32WithItsHeaderStillBigEndian() {
        ByteBuffer bytes = ByteBuffer.allocate(6 + 8 + 16).put(TensorCodec.MAGIC).put((byte) 3).put((byte) 2)
                .putInt(2).putInt(2).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putFloat(0.5f).putFloat(0.25f).putFloat(1f).putFloat(0.125f);

        Tensor tensor = codec.decodeDetecting(bytes.array());

        assertThat(tensor.shape()).containsExactly(2, 2);
        assertThat(tensor.values()).containsExactly(0.5f, 0.25f, 1f, 0.125f);
    }

    @Test
    void shouldWriteEachBinaryDtypeInItsOwnByteOrderAndReadItBack() {
        Tensor tensor = new Tensor(new int[] {3}, new float[] {0.5f, 0.25f, 1f});

        byte[] little = codec.encode(tensor, DType.FLOAT32_LE);
        byte[] big = codec.encode(tensor, DType.FLOAT32);

        assertThat(little[4]).isEqualTo((byte) 3);
        assertThat(big[4]).isEqualTo((byte) 2);
        assertThat(Arrays.copyOfRange(little, 10, 14)).containsExactly(0, 0, 0, 0x3f);
        assertThat(Arrays.copyOfRange(big, 10, 14)).containsExactly(0x3f, 0, 0, 0);
        assertThat(TensorCodec.binaryType(little)).isEqualTo(DType.FLOAT32_LE);
        assertThat(codec.decodeDetecting(little).values()).containsExactly(tensor.values());
        assertThat(codec.decodeDetecting(big).values()).containsExactly(tensor.values());
        assertThat(codec.encode(tensor, DType.UINT8)).containsExactly(codec.encodeUint8(tensor));
    }

    @Test
    void shouldRoundTripUint8ToTheNearestLevel() {
        Random random = new Random(1);
        for (int trial = 0; trial < 50; trial++) {
            int[] shape = {1 + random.nextInt(5), 1 + random.nextInt(7), 1 + random.nextInt(3)};
            float[] values = new float[shape[0] * shape[1] * shape[2]];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat();
            }
            Tensor decoded = codec.decodeDetecting(codec.encodeUint8(new Tensor(shape, values)));
            assertThat(decoded.shape()).containsExactly(shape);
            for (int i = 0; i < values.length; i++) {
                assertThat(decoded.values()[i]).isCloseTo(values[i], org.assertj.core.data.Offset.offset(0.5f / 255f + 1e-6f));
            }
        }
    }

    @Test
    void shouldReadJsonWithUint8Values() {
        Tensor tensor = codec.decodeDetecting(json("{\"dtype\":\"uint8\",\"shape\":[1,2],\"data\":[0,255]}"));
        assertThat(tensor.values()).containsExactly(0f, 1f);
    }

    @Test
    void shouldRejectEachKindOfBadRecordWithItsReason() {
        assertReason(new byte[0], Reason.UNPARSABLE);
        assertReason("hello".getBytes(StandardCharsets.UTF_8), Reason.UNKNOWN_FORMAT);
        assertReason(json("{\"shape\":[2,2],\"data\":[1,2,3]}"), Reason.WRONG_SHAPE);
        assertReason(json("{\"shape\":[2],\"data\":[1,\"x\"]}"), Reason.UNPARSABLE);
        assertReason(json("{\"shape\":[1],\"data\":[1e400]}"), Reason.NON_FINITE);
        assertReason(json("{\"shape\":[1],\"data\":[NaN]}"), Reason.UNPARSABLE);
        assertReason(json("{\"shape\":[100,100],\"data\":[]}"), Reason.OVERSIZE);
        assertReason(json("{\"shape\":[1],\"dtype\":\"int64\",\"data\":[1]}"), Reason.WRONG_DTYPE);
        assertReason(json("{\"shape\":[2,2],"), Reason.UNPARSABLE);
        float[] nan = {Float.NaN};
        assertReason(codec.encodeFloat32(new Tensor(new int[] {1}, nan)), Reason.NON_FINITE);
    }

    @Test
    void shouldRejectOversizeAndInconsistentBinaryHeadersBeforeAllocating() {
        assertReason(binaryHeader(2, 65536, 65536), Reason.OVERSIZE);
        assertReason(binaryHeader(2, Integer.MAX_VALUE, Integer.MAX_VALUE), Reason.OVERSIZE);
        assertReason(binaryHeader(2, 28, 28), Reason.UNPARSABLE);
        assertReason(binaryHeader(2, -1, 28), Reason.WRONG_SHAPE);
        byte[] badType = codec.encodeUint8(new Tensor(new int[] {1}, new float[] {0f}));
        badType[4] = 9;
        assertReason(badType, Reason.WRONG_DTYPE);
    }

    @Test
    void shouldDetectFormatsFromBytesAndContentTypes() {
        assertThat(TensorFormat.detect(json("  {\"shape\":[1]}"))).isEqualTo(TensorFormat.JSON);
        assertThat(TensorFormat.detect(codec.encodeFloat32(new Tensor(new int[] {1}, new float[] {1})))).isEqualTo(TensorFormat.BINARY);
        assertThat(TensorFormat.fromContentType("application/json; charset=utf-8")).isEqualTo(TensorFormat.JSON);
        assertThatThrownBy(() -> TensorFormat.fromContentType("image/gif")).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void shouldReadPngAndJpegAsGrayscaleAndDetectThemFromTheirBytes() {
        Tensor gradient = new Tensor(new int[] {4, 3}, new float[] {0, 0.2f, 0.4f, 0.6f, 0.8f, 1, 0, 0.2f, 0.4f, 0.6f, 0.8f, 1});
        byte[] png = codec.encode(gradient, TensorFormat.PNG);
        assertThat(TensorFormat.detect(png)).isEqualTo(TensorFormat.PNG);
        Tensor decoded = codec.decodeDetecting(png);
        assertThat(decoded.shape()).containsExactly(4, 3);
        for (int i = 0; i < 12; i++) {
            assertThat(decoded.values()[i]).isCloseTo(gradient.values()[i], within(0.5f / 255));
        }
        byte[] jpeg = codec.encode(gradient, TensorFormat.JPEG);
        assertThat(TensorFormat.detect(jpeg)).isEqualTo(TensorFormat.JPEG);
        assertThat(codec.decodeDetecting(jpeg).shape()).containsExactly(4, 3);
        assertThat(TensorFormat.fromContentType("image/jpeg")).isEqualTo(TensorFormat.JPEG);
    }

    @Test
    void shouldDecodeColourImagesChannelFirstAndReduceThemToTheirLuminanceOnlyOnRequest() throws Exception {
        BufferedImage red = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        red.setRGB(0, 0, 0xff0000);
        red.setRGB(1, 0, 0xffffff);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(red, "png", png);
        Tensor colour = codec.decodeDetecting(png.toByteArray());
        assertThat(colour.shape()).containsExactly(3, 1, 2);
        assertThat(colour.values()).containsExactly(1f, 1f, 0f, 1f, 0f, 1f);
        assertThat(Luminance.of(colour).shape()).containsExactly(1, 2);
        assertThat(Luminance.of(colour).values()).containsExactly(new float[] {0.299f, 1f}, within(1e-3f));
        Tensor gray = codec.decodeDetectingGrayscale(png.toByteArray());
        assertThat(gray.shape()).containsExactly(1, 2);
        assertThat(gray.values()).containsExactly(new float[] {0.299f, 1f}, within(1e-3f));
        Tensor colourTensor = codec.decodeDetectingGrayscale(codec.encodeFloat32(colour));
        assertThat(colourTensor.shape()).as("tensors are not images: kept as sent").containsExactly(3, 1, 2);
    }

    @Test
    void shouldRoundTripColourThroughPngExactlyAndJpegClosely() {
        Tensor colour = new Tensor(new int[] {3, 16, 24}, smoothPlanes(3, 16, 24));
        byte[] png = codec.encode(colour, TensorFormat.PNG);
        Tensor fromPng = codec.decodeDetecting(png);
        assertThat(fromPng.shape()).containsExactly(3, 16, 24);
        assertThat(fromPng.values()).containsExactly(colour.values(), within(0.5f / 255 + 1e-6f));

        Tensor fromJpeg = codec.decodeDetecting(codec.encode(colour, TensorFormat.JPEG));
        assertThat(fromJpeg.shape()).containsExactly(3, 16, 24);
        assertThat(meanAbsoluteDifference(fromJpeg.values(), colour.values())).isLessThan(0.03);

        Tensor batchOfOne = new Tensor(new int[] {1, 3, 16, 24}, colour.values());
        assertThat(codec.decodeDetecting(codec.encode(batchOfOne, TensorFormat.PNG)).values())
                .containsExactly(fromPng.values());
    }

    /** A denoised photo written as JPEG keeps what denoising gained: ImageIO's default quality gave 32.4 dB here. */
    @Test
    void shouldWriteAColourPhotoAsAJpegWithinAFewLevelsOfItsPixels() throws Exception {
        byte[] png;
        try (var in = TensorCodecTest.class.getResourceAsStream("/data/photos/held-out/coffee.png")) {
            png = in.readAllBytes();
        }
        TensorCodec photos = new TensorCodec(1 << 20);
        Tensor coffee = photos.decodeDetecting(png);
        Tensor jpeg = photos.decodeDetecting(photos.encode(coffee, TensorFormat.JPEG));
        assertThat(ImageQuality.psnr(coffee.values(), jpeg.values())).isGreaterThan(36);
    }

    /** Colour planes at full resolution: with them halved, 1-pixel red and blue stripes came back purple. */
    @Test
    void shouldKeepColourDetailOfSinglePixelsInAJpeg() {
        float[] stripes = new float[3 * 16 * 16];
        for (int i = 0; i < 256; i++) {
            boolean red = i % 2 == 0;
            stripes[i] = red ? 1f : 0f;
            stripes[512 + i] = red ? 0f : 1f;
        }
        Tensor colour = new Tensor(new int[] {3, 16, 16}, stripes);
        Tensor jpeg = codec.decodeDetecting(codec.encode(colour, TensorFormat.JPEG));
        assertThat(meanAbsoluteDifference(jpeg.values(), stripes)).isLessThan(0.05);
    }

    @Test
    void shouldWriteOneChannelTensorsAsGrayscaleImages() {
        Tensor oneChannel = new Tensor(new int[] {1, 16, 24}, smoothPlanes(1, 16, 24));
        for (TensorFormat format : new TensorFormat[] {TensorFormat.PNG, TensorFormat.JPEG}) {
            assertThat(codec.decodeDetecting(codec.encode(oneChannel, format)).shape()).as("%s", format)
                    .containsExactly(16, 24);
        }
    }

    @Test
    void shouldCarryColourImagesInBinaryAndJsonTensors() {
        Tensor colour = new Tensor(new int[] {3, 2, 2}, smoothPlanes(3, 2, 2));
        for (byte[] bytes : new byte[][] {codec.encodeFloat32(colour), codec.encodeJson(colour), codec.encodeUint8(colour)}) {
            Tensor decoded = codec.decodeDetecting(bytes);
            assertThat(decoded.shape()).containsExactly(3, 2, 2);
            assertThat(decoded.values()).containsExactly(colour.values(), within(0.5f / 255 + 1e-6f));
        }
    }

    /** A palette PNG's pixels are its palette's levels, not their indices; a palette of grays is grayscale. */
    @Test
    void shouldReadPaletteImagesByTheirColours() throws Exception {
        byte[] levels = new byte[256];
        for (int i = 0; i < 256; i++) {
            levels[i] = (byte) (255 - i);
        }
        BufferedImage grays = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, levels, levels, levels));
        grays.getRaster().setPixels(0, 0, 2, 1, new int[] {0, 255});
        Tensor gray = codec.decodeDetecting(png(grays));
        assertThat(gray.shape()).containsExactly(1, 2);
        assertThat(gray.values()).containsExactly(1f, 0f);

        byte[] none = new byte[256];
        BufferedImage reds = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, levels, none, none));
        reds.getRaster().setPixels(0, 0, 2, 1, new int[] {0, 255});
        Tensor colour = codec.decodeDetecting(png(reds));
        assertThat(colour.shape()).containsExactly(3, 1, 2);
        assertThat(colour.values()).containsExactly(1f, 0f, 0f, 0f, 0f, 0f);
    }

    /** Cut inside its pixel data, a colour image is refused for its size (3 x H x W) before any pixel is read. */
    @Test
    void shouldCheckAColourImagesThreeValuesPerPixelAgainstTheLimitBeforeDecoding() {
        TensorCodec small = new TensorCodec(100);
        byte[] gray = codec.encode(new Tensor(new int[] {6, 6}, new float[36]), TensorFormat.PNG);
        byte[] colour = codec.encode(new Tensor(new int[] {3, 6, 6}, smoothPlanes(3, 6, 6)), TensorFormat.PNG);
        assertThat(small.decodeDetecting(gray).shape()).containsExactly(6, 6);
        assertReason(small, colour, Reason.OVERSIZE);
        byte[] cut = Arrays.copyOf(colour, pixelDataStart(colour) + 2);
        assertReason(small, cut, Reason.OVERSIZE);
        assertReason(codec, cut, Reason.UNPARSABLE);
        assertReason(small, codec.encode(new Tensor(new int[] {3, 6, 6}, new float[108]), TensorFormat.JPEG),
                Reason.OVERSIZE);
    }

    @Test
    void shouldRefuseAnImageWhoseDeclaredSizeExceedsTheLimitAndAnImageThatIsCut() {
        TensorCodec small = new TensorCodec(100);
        assertReason(small, codec.encode(new Tensor(new int[] {11, 10}, new float[110]), TensorFormat.PNG), Reason.OVERSIZE);
        byte[] png = codec.encode(new Tensor(new int[] {28, 28}, new float[784]), TensorFormat.PNG);
        assertReason(codec, Arrays.copyOf(png, 40), Reason.UNPARSABLE);
    }

    private void assertReason(byte[] bytes, Reason reason) {
        assertReason(codec, bytes, reason);
    }

    private static void assertReason(TensorCodec codec, byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> codec.decodeDetecting(bytes)).isInstanceOf(InvalidRecordException.class)
                .extracting(e -> ((InvalidRecordException) e).reason()).isEqualTo(reason);
    }

    /** {@code channels} planes of gentle gradients, each plane different, values in [0, 1]. */
    private static float[] smoothPlanes(int channels, int height, int width) {
        float[] values = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    values[(c * height + y) * width + x] = (c + 1) * (x + y) / (float) (3 * (height + width));
                }
            }
        }
        return values;
    }

    /** Where the first IDAT chunk's data starts in a PNG. */
    private static int pixelDataStart(byte[] png) {
        for (int i = 0; i + 4 <= png.length; i++) {
            if (png[i] == 'I' && png[i + 1] == 'D' && png[i + 2] == 'A' && png[i + 3] == 'T') {
                return i + 4;
            }
        }
        throw new IllegalArgumentException("no IDAT chunk");
    }

    private static double meanAbsoluteDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] binaryHeader(int dtype, int rows, int cols) {
        return ByteBuffer.allocate(14).put(TensorCodec.MAGIC).put((byte) dtype).put((byte) 2).putInt(rows).putInt(cols).array();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
