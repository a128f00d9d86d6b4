package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    private final Normalization scaling =
            new Normalization(new float[] {-2f, 10f, 3f}, new float[] {2f, 1010f, 3f}, List.of("x", "y", "stuck"));

    @Test
    void shouldFitEachColumnsRange() {
        float[][] rows = {{1, -5}, {4, 0}, {2, 7}};
        Normalization fitted = Normalization.fit(rows, List.of("a", "b"));
        assertThat(fitted.min()).containsExactly(1f, -5f);
        assertThat(fitted.max()).containsExactly(4f, 7f);
        assertThat(fitted.features()).isEqualTo(2);
        assertThatThrownBy(() -> Normalization.fit(new float[0][], List.of("a"))).hasMessageContaining("no rows");
    }

    @Test
    void shouldScaleTimeMajorWindowsPerFeatureIntoTheUnitInterval() {
        float[] window = {-2f, 10f, 3f, 0f, 510f, 3f, 2f, 1010f, 3f};
        assertThat(scaling.apply(window)).containsExactly(0f, 0f, 0.5f, 0.5f, 0.5f, 0.5f, 1f, 1f, 0.5f);
    }

    @Test
    void shouldRoundTripValuesInsideTheFittedRange() {
        float[] window = {-1.25f, 17.5f, 3f, 1.9f, 999f, 3f};
        float[] restored = scaling.invert(scaling.apply(window));
        for (int i = 0; i < window.length; i++) {
            assertThat(restored[i]).isCloseTo(window[i], within(1e-4f * Math.max(1, Math.abs(window[i]))));
        }
    }

    @Test
    void shouldSaturateOutsideTheFittedRangeAndNeverDivideByZeroOnAConstantFeature() {
        float[] scaled = scaling.apply(new float[] {-10f, 5000f, 1e6f});
        assertThat(scaled).containsExactly(0f, 1f, 0.5f);
        assertThat(scaling.invert(new float[] {0.5f, 0.5f, 0.9f})[2]).isEqualTo(3f);
        assertThatThrownBy(() -> scaling.apply(new float[4])).hasMessageContaining("not whole time steps of 3");
    }

    @Test
    void shouldSurviveAJsonRoundTripThroughItsMap() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(Map.of("normalization", scaling.toMap()));
        Map<String, Map<String, Object>> parsed = json.readValue(text, new TypeReference<>() { });
        Normalization restored = Normalization.fromMap(parsed.get("normalization"));
        assertThat(restored).isEqualTo(scaling);
        assertThat(restored.columns()).containsExactly("x", "y", "stuck");
        assertThat(text).contains("\"min\":[-2.0,10.0,3.0]");
    }

    @Test
    void shouldRefuseBrokenMetadata() {
        assertThatThrownBy(() -> Normalization.fromMap(Map.of("min", List.of(0), "max", List.of(1))))
                .hasMessageContaining("'columns'");
        assertThatThrownBy(() -> Normalization.fromMap(Map.of("min", List.of("0"), "max", List.of(1), "columns", List.of("a"))))
                .hasMessageContaining("'min' must hold numbers");
        assertThatThrownBy(() -> Normalization.fromMap(Map.of("min", List.of(0, 1), "max", List.of(1), "columns", List.of("a"))))
                .hasMessageContaining("2 mins, 1 maxes, 1 columns");
        assertThatThrownBy(() -> Normalization.fromMap(Map.of("min", List.of(2), "max", List.of(1), "columns", List.of("a"))))
                .hasMessageContaining("invalid range [2.0, 1.0]");
        assertThatThrownBy(() -> Normalization.fromMap(Map.of("min", List.of(0), "max", List.of(1e300), "columns", List.of("a"))))
                .hasMessageContaining("invalid range");
        assertThatThrownBy(() -> Normalization.fromMap(Map.of("min", List.of(0), "max", List.of(1), "columns", List.of(7))))
                .hasMessageContaining("must hold strings");
    }

    @Test
    void shouldCopyItsArrays() {
        float[] min = {0f};
        Normalization copy = new Normalization(min, new float[] {1f}, List.of("a"));
        min[0] = 0.5f;
        copy.min()[0] = 0.7f;
        assertThat(copy.min()).containsExactly(0f);
        assertThat(copy).hasSameHashCodeAs(new Normalization(new float[] {0f}, new float[] {1f}, List.of("a")));
    }
}
