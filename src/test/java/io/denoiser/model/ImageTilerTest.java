package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageTilerTest {

    private static final ImageTiling TILING = new ImageTiling(1, 8, 4, 64, 8, 3, 4);
    private final ImageTiler tiler = new ImageTiler(TILING);

    @ParameterizedTest
    @CsvSource({"64, 64", "10, 200", "303, 384", "130, 97", "512, 512"})
    void shouldKeepEveryPixelFromExactlyOneTileAtLeastAMarginFromItsInnerEdges(int height, int width) {
        ImageTiler.Plan plan = tiler.plan(height, width);
        for (ImageTiler.Axis axis : new ImageTiler.Axis[] {plan.rows(), plan.columns()}) {
            assertThat(axis.padded() % TILING.sizeMultiple()).isZero();
            int expectedFrom = 0;
            for (int i = 0; i < axis.origins().length; i++) {
                assertThat(axis.origins()[i] % TILING.sizeMultiple()).isZero();
                assertThat(axis.keepFrom()[i]).isEqualTo(expectedFrom);
                if (i > 0) {
                    assertThat(axis.keepFrom()[i] - axis.origins()[i]).isGreaterThanOrEqualTo(TILING.margin());
                }
                if (i < axis.origins().length - 1) {
                    assertThat(axis.origins()[i] + TILING.tile() - axis.keepTo()[i]).isGreaterThanOrEqualTo(TILING.margin());
                }
                expectedFrom = axis.keepTo()[i];
            }
            assertThat(expectedFrom).isEqualTo(axis.padded());
            assertThat(axis.origins()[axis.origins().length - 1] + TILING.tile()).isEqualTo(axis.padded());
        }
    }

    @Test
    void shouldStitchUntouchedTilesBackIntoTheImage() {
        float[] image = random(130 * 97, 1);
        ImageTiler.Plan plan = tiler.plan(130, 97);

        float[] stitched = tiler.stitch(tiler.cut(image, plan), plan);

        assertThat(stitched).containsExactly(image);
    }

    @Test
    void shouldMirrorBeyondTheEdgesEvenFarBeyondASmallImage() {
        assertThat(new int[] {ImageTiler.mirror(-1, 3), ImageTiler.mirror(3, 3), ImageTiler.mirror(5, 3),
                ImageTiler.mirror(6, 3), ImageTiler.mirror(10, 3)}).containsExactly(0, 2, 0, 0, 1);
    }

    @Test
    void shouldAverageTheLatentMapOverTheWholeExtendedImage() {
        ImageTiler.Plan plan = tiler.plan(100, 70);
        int cells = TILING.tile() / TILING.sizeMultiple();
        float[] map = new float[3 * cells * cells];
        java.util.Arrays.fill(map, 2f);
        double[] sums = new double[3];

        for (int tile = 0; tile < plan.tileCount(); tile++) {
            tiler.addLatentSums(map, plan, tile, sums);
        }

        long count = tiler.cells(plan);
        assertThat(count).isEqualTo((long) (plan.rows().padded() / 4) * (plan.columns().padded() / 4));
        assertThat(sums).containsOnly(2.0 * count);
    }

    static float[] random(int size, long seed) {
        Random random = new Random(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }
}
