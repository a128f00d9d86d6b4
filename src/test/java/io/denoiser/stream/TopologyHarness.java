package io.denoiser.stream;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.ModelRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology under {@link TopologyTestDriver}, with byte-array topics opened by name. Forward
 * passes run on the test's thread, so outputs follow inputs without waiting.
 */
final class TopologyHarness implements AutoCloseable {

    final TopologyTestDriver driver;
    final ModelRegistry registry;

    TopologyHarness(DenoiserConfig config, List<ModelRecord> shippedModels, MeterRegistry meters) {
        this(config, shippedModels, meters, InferenceWorkers.callingThread());
    }

    /** The topology with forward passes on {@code inference}, for tests of production's inference threads. */
    TopologyHarness(DenoiserConfig config, List<ModelRecord> shippedModels, MeterRegistry meters,
                    InferenceWorkers inference) {
        this(config, new ModelRegistry(shippedModels), meters, inference);
    }

    /** The topology over {@code registry}, whose catalogs may have no version yet. */
    TopologyHarness(DenoiserConfig config, ModelRegistry registry, MeterRegistry meters, InferenceWorkers inference) {
        this.registry = registry;
        driver = new TopologyTestDriver(DenoiserTopology.build(config, registry, new DenoiserMetrics(meters),
                inference), config.streamsProperties());
    }

    TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
