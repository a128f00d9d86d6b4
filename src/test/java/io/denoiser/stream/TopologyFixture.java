package io.denoiser.stream;

import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.TopicNames;
import io.denoiser.model.ModelRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up the topology tests share: the production topology under {@link TopologyTestDriver} in a fresh
 * state directory, the image pipeline's topics opened, and the driver closed after each test. A test builds
 * its {@link DenoiserConfig} on {@link #stateDir} and calls {@link #startTopology}; it may close the driver and
 * start another within one test.
 */
abstract class TopologyFixture {

    @TempDir
    Path stateDir;

    final TensorCodec codec = new TensorCodec(1 << 20);
    final TopicNames topics = TopicNames.defaults();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TopologyHarness harness;
    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> noisy;
    TestInputTopic<String, byte[]> models;
    TestOutputTopic<String, byte[]> denoised;
    TestOutputTopic<String, byte[]> latent;
    TestOutputTopic<String, byte[]> deadLetters;

    /** Starts the topology of {@code config} over {@code shippedModels}, forward passes on the test's thread. */
    void startTopology(DenoiserConfig config, List<ModelRecord> shippedModels) {
        startTopology(new TopologyHarness(config, shippedModels, meters));
    }

    /** Takes {@code started} as the topology under test and opens the image pipeline's topics on it. */
    void startTopology(TopologyHarness started) {
        harness = started;
        driver = started.driver;
        noisy = started.input(topics.noisyImages());
        models = started.input(topics.models());
        denoised = started.output(topics.denoisedImages());
        latent = started.output(topics.latentVectors());
        deadLetters = started.output(topics.deadLetters());
    }

    @AfterEach
    void closeTopology() {
        if (harness != null) {
            harness.close();
        }
    }
}
