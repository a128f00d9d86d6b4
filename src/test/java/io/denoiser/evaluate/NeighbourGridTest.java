package io.denoiser.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeighbourGridTest {

    @Test
    void shouldDrawEachQueryFollowedByItsNearestNeighboursBestFirst(@TempDir Path dir) throws Exception {
        int items = 12;
        float[][] images = new float[items][];
        float[][] vectors = new float[items][];
        for (int i = 0; i < items; i++) {
            images[i] = new float[] {i / (float) items};
            // angles grow with the index: item i's nearest neighbours are i-1 and i+1, then i-2 and i+2...
            vectors[i] = new float[] {(float) Math.cos(i * 0.1), (float) Math.sin(i * 0.1)};
        }

        List<float[][]> rows = NeighbourGrid.rows(images, vectors, new int[] {0, 6});

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).length).isEqualTo(NeighbourGrid.NEIGHBOURS + 1);
        assertThat(rows.get(0)[0]).isSameAs(images[0]);
        assertThat(rows.get(0)[1]).isSameAs(images[1]);
        assertThat(rows.get(0)[8]).isSameAs(images[8]);
        assertThat(rows.get(1)[0]).isSameAs(images[6]);
        assertThat(List.of(rows.get(1)[1], rows.get(1)[2])).containsExactlyInAnyOrder(images[5], images[7]);

        Path file = dir.resolve("neighbours.png");
        NeighbourGrid.writePng(file, images, vectors, new int[] {0, 6}, 1, 1);
        assertThat(ImageIO.read(file.toFile()).getHeight()).isPositive();
    }
}
