package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import io.denoiser.model.Architecture;
import org.junit.jupiter.api.Test;

class CleanSampleShapeTest {

    private static final CleanSampleShape PHOTOS = CleanSampleShape.anyImage(Architecture.PHOTO_UNET.tiling().orElseThrow(), 32);

    @Test
    void shouldKeepGrayAndColourImagesOfAnySizeWithRoomForAPatch() {
        assertThatCode(() -> PHOTOS.check(tensor(40, 333))).doesNotThrowAnyException();
        assertThatCode(() -> PHOTOS.check(tensor(1, 32, 32))).doesNotThrowAnyException();
        assertThatCode(() -> PHOTOS.check(tensor(3, 400, 600))).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseImagesTooSmallForAPatchOrOfChannelsTheDesignCannotTake() {
        assertThatThrownBy(() -> PHOTOS.check(tensor(31, 300))).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("at least 32x32");
        assertThatThrownBy(() -> PHOTOS.check(tensor(2, 64, 64))).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> PHOTOS.check(tensor(64 * 64))).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("[H, W] or [C, H, W]");
    }

    @Test
    void shouldKeepOnlyRecordsOfTheOneSizeOfAFixedShapeModel() {
        CleanSampleShape digits = CleanSampleShape.fixed(784);

        assertThatCode(() -> digits.check(tensor(28, 28))).doesNotThrowAnyException();
        assertThatCode(() -> digits.check(tensor(1, 28, 28))).doesNotThrowAnyException();
        assertThatThrownBy(() -> digits.check(tensor(28, 29))).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("812 values, expected 784");
    }

    private static Tensor tensor(int... shape) {
        return new Tensor(shape, new float[java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact)]);
    }
}
