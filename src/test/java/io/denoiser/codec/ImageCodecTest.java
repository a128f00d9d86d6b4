package io.denoiser.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

class ImageCodecTest {

    /**
     * Records come from anyone who can produce to a topic, so only the JDK's maintained readers may decode
     * them: old third-party ImageIO plugins on the classpath register themselves ahead of the JDK's.
     */
    @Test
    void shouldDecodeUntrustedImagesOnlyWithTheJdksOwnReaders() {
        for (TensorFormat format : List.of(TensorFormat.PNG, TensorFormat.JPEG)) {
            List<String> readers = new ArrayList<>();
            ImageIO.getImageReadersByFormatName(format.imageFormatName())
                    .forEachRemaining((ImageReader reader) -> readers.add(reader.getClass().getName()));

            assertThat(readers).isNotEmpty().allSatisfy(reader -> assertThat(reader).startsWith("com.sun.imageio.plugins."));
        }
    }
}
