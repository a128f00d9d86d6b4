package io.denoiser.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

/**
 * ImageCodec decodes untrusted records with the first reader ImageIO offers; a plugin jar on the classpath
 * (DL4J's image modules brought a 2015 TwelveMonkeys reader) would register ahead of the JDK's.
 */
final class ImageCodecReadersTest {

    @Test
    void shouldDecodeJpegWithTheJdksReaderAlone() {
        assertThat(readerClasses(TensorFormat.JPEG)).containsExactly("com.sun.imageio.plugins.jpeg.JPEGImageReader");
    }

    @Test
    void shouldDecodePngWithTheJdksReaderAlone() {
        assertThat(readerClasses(TensorFormat.PNG)).containsExactly("com.sun.imageio.plugins.png.PNGImageReader");
    }

    private static List<String> readerClasses(TensorFormat format) {
        List<String> classes = new ArrayList<>();
        ImageIO.getImageReadersByFormatName(format.imageFormatName())
                .forEachRemaining((ImageReader reader) -> classes.add(reader.getClass().getName()));
        return classes;
    }
}
