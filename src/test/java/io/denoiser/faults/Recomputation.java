package io.denoiser.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecord;
import io.denoiser.stream.OutputHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Denoised outputs checked against what the model version named in their header computes on the same input. */
public final class Recomputation {

    private Recomputation() {
    }

    /**
     * Asserts that every {@code every}th of {@code denoised} equals its recomputation, within one uint8 step,
     * by the version of {@code versions} its header names, on the input {@code inputs} gives for its key.
     *
     * @return the versions named by all of {@code denoised}, sampled or not
     */
    public static TreeSet<Long> assertSampled(List<ConsumerRecord<String, byte[]>> denoised,
                                              Function<String, Tensor> inputs, Map<Long, ModelRecord> versions,
                                              int every) {
        TensorCodec codec = new TensorCodec(1 << 20);
        TreeSet<Long> seen = new TreeSet<>();
        Map<Long, DenoisingModel> loaded = new HashMap<>();
        try {
            for (int i = 0; i < denoised.size(); i++) {
                ConsumerRecord<String, byte[]> record = denoised.get(i);
                long version = OutputHeaders.modelVersion(record.headers());
                seen.add(version);
                if (i % every != 0) {
                    continue;
                }
                assertThat(versions).as("versions known to the test").containsKey(version);
                DenoisingModel model = loaded.computeIfAbsent(version, v -> DenoisingModel.load(versions.get(v)));
                float[] expected = model.reconstruct(new float[][] {inputs.apply(record.key()).values()}).outputs()[0];
                float[] actual = codec.decodeDetecting(record.value()).values();
                assertThat(actual).as("%s, version %d", record.key(), version)
                        .usingElementComparator((a, b) -> Math.abs(a - b) <= 1f / 255 + 1e-4f ? 0 : 1)
                        .containsExactly(expected);
            }
        } finally {
            loaded.values().forEach(DenoisingModel::close);
        }
        return seen;
    }
}
