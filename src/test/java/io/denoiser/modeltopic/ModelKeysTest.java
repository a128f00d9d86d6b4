package io.denoiser.modeltopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import org.junit.jupiter.api.Test;

class ModelKeysTest {

    @Test
    void shouldKeyARecordByItsModelAndRelease() {
        ModelRecord v1 = ModelRecords.cnnSeed(1, 1);

        assertThat(ModelKeys.of(v1)).isEqualTo("cnn-seed/1");
        assertThat(ModelKeys.of(new ModelRecord(v1.metadata().withRelease(7), v1.parameters()))).isEqualTo("cnn-seed/7");
    }

    @Test
    void shouldTellTheKeysOfAModelOfEitherLayoutFromOthers() {
        assertThat(ModelKeys.isKeyOf("cnn-seed/12", "cnn-seed")).isTrue();
        assertThat(ModelKeys.isKeyOf("cnn-seed", "cnn-seed")).as("the layout before").isTrue();
        assertThat(ModelKeys.isKeyOf("cnn-seed-2/1", "cnn-seed")).isFalse();
        assertThat(ModelKeys.isKeyOf("cnn-seed/x", "cnn-seed")).isFalse();
        assertThat(ModelKeys.isKeyOf("cnn-seed/", "cnn-seed")).isFalse();
        assertThat(ModelKeys.isKeyOf(null, "cnn-seed")).isFalse();
        assertThat(ModelKeys.release("cnn-seed/12")).hasValue(12);
        assertThat(ModelKeys.release("cnn-seed")).isEmpty();
        assertThat(ModelKeys.release("cnn-seed/99999999999999999999")).isEmpty();
    }

    @Test
    void shouldRefuseARecordUnderAnotherReleasesOrModelsKey() {
        ModelRecord v2 = ModelRecords.cnnSeed(2, 2);
        ModelKeys.check("cnn-seed/2", v2);
        ModelKeys.check("cnn-seed", v2);

        for (String key : new String[] {"cnn-seed/3", "unet/2", "unet", "anything"}) {
            assertThatThrownBy(() -> ModelKeys.check(key, v2)).as(key).isInstanceOfSatisfying(InvalidModelException.class,
                    e -> assertThat(e.reason()).isEqualTo(InvalidModelException.Reason.KEY_MISMATCH));
        }
    }
}
