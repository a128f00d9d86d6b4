package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EvaluationGateTest {

    private final EvaluationGate gate = new EvaluationGate(EvaluationGate.DEFAULT_MARGIN_DB);

    @Test
    void shouldPublishOnlyACandidateThatBeatsTheChampionByTheMargin() {
        assertThat(gate.judge(20.0, 20.1).publish()).isTrue();
        assertThat(gate.judge(20.0, 20.09).publish()).isFalse();
        assertThat(gate.judge(20.25, 20.09).comparison())
                .isEqualTo("candidate 20.09 dB vs champion 20.25 dB (margin 0.10 dB): keep the champion");
    }

    @Test
    void shouldRefuseAMarginThatIsNotANumber() {
        assertThatThrownBy(() -> new EvaluationGate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
