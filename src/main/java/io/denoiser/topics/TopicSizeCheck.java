package io.denoiser.topics;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether each topic the denoiser writes takes the largest record it may write there. A record its topic
 * refuses fails the send, and under exactly-once the stream thread then fails on the same input for ever:
 * better to refuse to start, saying which limit to raise or lower.
 */
public final class TopicSizeCheck {

    private TopicSizeCheck() {
    }

    /** One line per topic whose {@code max.message.bytes} is below what {@code config} lets the denoiser write to it. */
    public static List<String> problems(TopicCatalog topics, DenoiserConfig config) {
        List<String> problems = new ArrayList<>();
        check(topics.byName(config.topics().deadLetters()), "a dead letter", config.maxRecordBytes(),
                "--max-input-bytes", config.maxInputBytes(), problems);
        Set<String> outputs = new LinkedHashSet<>();
        for (Pipeline pipeline : config.pipelines()) {
            outputs.add(pipeline.denoisedTopic());
            outputs.add(pipeline.latentTopic());
        }
        for (String output : outputs) {
            check(topics.byName(output), "an output record", config.maxOutputRecordBytes(), "--max-output-bytes",
                    config.maxOutputBytes(), problems);
        }
        return problems;
    }

    private static void check(TopicSpec topic, String record, int recordBytes, String option, int limit,
                              List<String> problems) {
        if (topic.maxMessageBytes() < recordBytes) {
            problems.add(topic.name() + " max.message.bytes " + topic.maxMessageBytes() + " cannot take " + record
                    + " of " + recordBytes + " bytes (" + option + " " + limit + " plus "
                    + DenoiserConfig.RECORD_OVERHEAD_BYTES + " for key and headers); raise it or lower " + option);
        }
    }
}
