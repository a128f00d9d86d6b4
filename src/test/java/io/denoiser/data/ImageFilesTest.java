package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path folder;

    @Test
    void shouldReadGrayAndColourPhotosOfAnySizeAsLuminance() throws IOException {
        BufferedImage gray = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(4, 2, 0, 255);
        ImageIO.write(gray, "png", folder.resolve("b-gray.png").toFile());
        BufferedImage colour = new BufferedImage(2, 7, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(1, 6, 0xff0000);
        ImageIO.write(colour, "png", folder.resolve("a-colour.PNG").toFile());
        Files.writeString(folder.resolve("notes.txt"), "not an image");

        List<ImageFiles.Photo> photos = ImageFiles.readDirectory(folder);

        assertThat(photos).extracting(ImageFiles.Photo::name).containsExactly("a-colour.PNG", "b-gray.png");
        assertThat(photos.get(0).shape()).containsExactly(1, 7, 2);
        assertThat(photos.get(0).values()[13]).isCloseTo(0.2125f, within(1e-6f));
        assertThat(photos.get(1).values()[14]).isEqualTo(1f);
    }

    @Test
    void shouldRefuseAFolderWithoutImagesAndAFileThatIsNoImage() throws IOException {
        assertThatThrownBy(() -> ImageFiles.readDirectory(folder)).hasMessageContaining("no PNG or JPEG");
        Files.writeString(folder.resolve("fake.png"), "not a png");
        assertThatThrownBy(() -> ImageFiles.readDirectory(folder)).hasMessageContaining("fake.png");
    }

    @Test
    void shouldBundleEveryTrainingAndHeldOutPhoto() {
        assertThat(BundledPhotos.heldOut()).extracting(ImageFiles.Photo::height).containsExactly(512, 512, 400, 303, 512);
        assertThat(BundledPhotos.training()).hasSize(12);
    }
}
