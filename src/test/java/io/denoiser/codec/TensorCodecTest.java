package io.denoiser.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.codec.InvalidRecordException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
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

    private void assertReason(byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> codec.decodeDetecting(bytes)).isInstanceOf(InvalidRecordException.class)
                .extracting(e -> ((InvalidRecordException) e).reason()).isEqualTo(reason);
    }

    private static byte[] binaryHeader(int dtype, int rows, int cols) {
        return ByteBuffer.allocate(14).put(TensorCodec.MAGIC).put((byte) dtype).put((byte) 2).putInt(rows).putInt(cols).array();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
