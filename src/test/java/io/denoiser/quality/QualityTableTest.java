package io.denoiser.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QualityTableTest {

    private static final int SIDE = 11;

    @Test
    void shouldScoreEachSetOverallAndPerClass() {
        // Row 0 (class 0) is noised by 0.1, rows 1 and 2 (class 1) by 0.2; the median is off by 0.01 everywhere.
        float[][] clean = {filled(4, 0), filled(4, 0), filled(4, 0)};
        float[][] noisy = {filled(4, 0.1f), filled(4, 0.2f), filled(4, 0.2f)};
        float[][] median = {filled(4, 0.01f), filled(4, 0.01f), filled(4, 0.01f)};
        QualityTable table = QualityTable.forSequences(clean, noisy, median, clean, new int[] {0, 1, 1});

        QualityScores overall = table.overall();
        assertThat(overall.n()).isEqualTo(3);
        assertThat(overall.noisy().mse()).isCloseTo((0.01 + 0.04 + 0.04) / 3, within(1e-7));
        double psnrAtTwoTenths = -10 * Math.log10(0.04);
        assertThat(overall.noisy().psnrDb()).isCloseTo((20 + 2 * psnrAtTwoTenths) / 3, within(1e-4));
        assertThat(overall.median().psnrDb()).isCloseTo(40, within(1e-3));
        assertThat(overall.model().mse()).isZero();
        assertThat(overall.model().psnrDb()).isEqualTo(ImageQuality.IDENTICAL_PSNR_DB);
        assertThat(overall.noisy().ssim()).isNull();

        assertThat(table.perClass()).containsOnlyKeys(0, 1);
        assertThat(table.perClass().get(0).n()).isEqualTo(1);
        assertThat(table.perClass().get(0).noisy().psnrDb()).isCloseTo(20, within(1e-4));
        assertThat(table.perClass().get(1).n()).isEqualTo(2);
        assertThat(table.perClass().get(1).noisy().psnrDb()).isCloseTo(psnrAtTwoTenths, within(1e-4));
    }

    @Test
    void shouldAddSsimForImages() {
        float[][] clean = {filled(SIDE * SIDE, 0.5f)};
        float[][] noisy = {filled(SIDE * SIDE, 0.2f)};
        QualityTable table = QualityTable.forImages(clean, noisy, noisy, clean, null, SIDE, SIDE);
        // Constant images: SSIM is the luminance term alone.
        double c1 = 0.01 * 0.01;
        double luminance = (2 * 0.5 * 0.2 + c1) / (0.25 + 0.04 + c1);
        assertThat(table.overall().noisy().ssim()).isCloseTo(luminance, within(1e-7));
        assertThat(table.overall().model().ssim()).isCloseTo(1.0, within(1e-12));
        assertThat(table.perClass()).isEmpty();
    }

    @Test
    void shouldSerialiseToTheReportShape() throws Exception {
        float[][] clean = {filled(SIDE * SIDE, 0.5f), filled(SIDE * SIDE, 0.4f)};
        float[][] noisy = {filled(SIDE * SIDE, 0.2f), filled(SIDE * SIDE, 0.3f)};
        QualityTable table = QualityTable.forImages(clean, noisy, noisy, clean, new int[] {7, 3}, SIDE, SIDE);
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(table));

        assertThat(json.fieldNames()).toIterable().containsExactly("overall", "per_class");
        assertThat(json.get("overall").fieldNames()).toIterable().containsExactly("n", "noisy", "median", "model");
        assertThat(json.at("/overall/noisy").fieldNames()).toIterable().containsExactly("mse", "psnr_db", "ssim");
        assertThat(json.at("/overall/model/psnr_db").asDouble()).isEqualTo(ImageQuality.IDENTICAL_PSNR_DB);
        assertThat(json.get("per_class").fieldNames()).toIterable().containsExactly("3", "7");
        assertThat(json.at("/per_class/7/noisy/mse").asDouble()).isCloseTo(0.09, within(1e-6));
    }

    @Test
    void shouldLeaveSsimAndClassesOutOfSequenceJson() throws Exception {
        float[][] clean = {filled(3, 0)};
        QualityTable table = QualityTable.forSequences(clean, clean, clean, clean, null);
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(table));
        assertThat(json.has("per_class")).isFalse();
        assertThat(json.at("/overall/noisy").fieldNames()).toIterable().containsExactly("mse", "psnr_db");
    }

    @Test
    void shouldRenderOneLinePerSetAndClass() {
        float[][] clean = {filled(SIDE * SIDE, 0), filled(SIDE * SIDE, 0)};
        float[][] noisy = {filled(SIDE * SIDE, 0.1f), filled(SIDE * SIDE, 0.1f)};
        String[] lines = QualityTable.forImages(clean, noisy, noisy, clean, new int[] {1, 2}, SIDE, SIDE)
                .render().split("\n");

        assertThat(lines).hasSize(1 + 3 + 2 * 3);
        assertThat(lines[0].split("\\s+")).containsExactly("set", "n", "MSE", "PSNR", "dB", "SSIM");
        assertThat(lines[1].split("\\s+")).containsExactly("noisy", "2", "0.010000", "20.00",
                String.format(java.util.Locale.ROOT, "%.4f", Ssim.ssim(clean[0], noisy[0], SIDE, SIDE)));
        assertThat(lines[3]).startsWith("model").contains("100.00", "1.0000");
        assertThat(lines[9].split("\\s+")).startsWith("class", "2", "model", "1");
        assertThat(Arrays.stream(lines).map(String::length).distinct()).hasSize(1);
    }

    @Test
    void shouldMarkSsimAsAbsentForSequences() {
        float[][] clean = {filled(3, 0)};
        String[] lines = QualityTable.forSequences(clean, clean, clean, clean, null).render().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1].trim()).endsWith(" -");
    }

    @Test
    void shouldRejectMismatchedRowSetsAndLabels() {
        float[][] two = {filled(3, 0), filled(3, 0)};
        float[][] one = {filled(3, 0)};
        assertThatThrownBy(() -> QualityTable.forSequences(two, two, one, two, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("median 1");
        assertThatThrownBy(() -> QualityTable.forSequences(two, two, two, two, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels 1");
        assertThatThrownBy(() -> QualityTable.forSequences(new float[0][], new float[0][], new float[0][],
                new float[0][], null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static float[] filled(int length, float value) {
        float[] row = new float[length];
        Arrays.fill(row, value);
        return row;
    }
}
