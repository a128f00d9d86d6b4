package io.denoiser.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The chart's values.yaml, as data and as text. */
final class ChartValues {

    static final Path FILE = HelmChart.DIRECTORY.resolve("values.yaml");

    private ChartValues() {
    }

    static JsonNode load() throws IOException {
        return new YAMLMapper().readTree(FILE.toFile());
    }

    static List<String> lines() throws IOException {
        return Files.readAllLines(FILE);
    }
}
