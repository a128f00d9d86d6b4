package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhotoPatchesTest {

    /** 64 rows: the top 48 hold 0, the bottom 16 (the validation strip for 16-pixel patches) hold 1. */
    private static ImageFiles.Photo twoBands() {
        float[] values = new float[64 * 40];
        Arrays.fill(values, 48 * 40, values.length, 1f);
        return new ImageFiles.Photo("bands", 64, 40, values);
    }

    @Test
    void shouldNeverCutATrainingPatchFromTheValidationStrip() {
        float[][] patches = PhotoPatches.training(List.of(twoBands()), 16, 500, 1);

        assertThat(patches.length).isEqualTo(500);
        for (float[] patch : patches) {
            assertThat(patch).hasSize(256).containsOnly(0f);
        }
    }

    @Test
    void shouldKeepTheValidationStripsNonOverlappingPatches() {
        float[][] validation = PhotoPatches.validation(List.of(twoBands()), 16);

        assertThat(validation.length).isEqualTo(2);
        for (float[] patch : validation) {
            assertThat(patch).containsOnly(1f);
        }
    }

    @Test
    void shouldTrainOnAllOfAPhotoTooSmallForAValidationStrip() {
        ImageFiles.Photo small = new ImageFiles.Photo("small", 40, 40, new float[1600]);

        assertThat(PhotoPatches.validation(List.of(small), 16).length).isZero();
        assertThat(PhotoPatches.training(List.of(small), 16, 3, 1).length).isEqualTo(3);
    }

    @Test
    void shouldProduceTheEightSymmetriesOfTheSquare() {
        float[] patch = new float[9];
        for (int i = 0; i < 9; i++) {
            patch[i] = i;
        }
        Set<String> distinct = new HashSet<>();
        for (int symmetry = 0; symmetry < 8; symmetry++) {
            float[] turned = PhotoPatches.transformed(patch, 3, symmetry);
            float[] sorted = turned.clone();
            Arrays.sort(sorted);
            assertThat(sorted).containsExactly(patch);
            assertThat(turned[4]).isEqualTo(4f);
            distinct.add(Arrays.toString(turned));
        }
        assertThat(PhotoPatches.transformed(patch, 3, 0)).containsExactly(patch);
        assertThat(PhotoPatches.transformed(patch, 3, 2)).containsExactly(6, 3, 0, 7, 4, 1, 8, 5, 2);
        assertThat(distinct).hasSize(8);
    }
}
