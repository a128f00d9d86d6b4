package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json, which Helm checks the values against on install, upgrade, lint and template. */
final class HelmChartSchemaTest {

    private static final Path SCHEMA = HelmChart.DIRECTORY.resolve("values.schema.json");
    private static final Path VALUES = Path.of("src", "test", "resources", "helm-values");
    private static final Path INVALID_VALUES = Path.of("src", "test", "resources", "helm-values-invalid");

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = SchemaRegistry.withDialect(Dialects.getDraft7()).getSchema(in);
        }
    }

    @Test
    void shouldDeclareJsonSchemaDraft7() throws IOException {
        assertThat(new ObjectMapper().readTree(SCHEMA.toFile()).path("$schema").asText())
                .isEqualTo("http://json-schema.org/draft-07/schema#");
    }

    @Test
    void shouldAcceptTheDefaultValuesAndEveryTestValuesFile() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ChartValues.FILE));
        try (Stream<Path> tests = Files.list(VALUES)) {
            files.addAll(tests.sorted().toList());
        }
        for (Path file : files) {
            assertThat(validate(file)).as("%s against %s", file, SCHEMA).isEmpty();
        }
    }

    @Test
    void shouldDescribeEveryValueOfValuesYamlWithAType() throws IOException {
        List<String> missing = new ArrayList<>();
        collectUndeclared("", ChartValues.load(), new ObjectMapper().readTree(SCHEMA.toFile()), missing);
        assertThat(missing).as("values.yaml keys the schema does not declare").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"replica-count-string.yaml, replicaCount", "unknown-engine.yaml, engine",
            "misspelt-key.yaml, windowSize"})
    void shouldRefuseToRenderValuesTheSchemaRejects(String file, String key) throws IOException {
        assertThat(validate(INVALID_VALUES.resolve(file))).extracting(Error::toString)
                .anySatisfy(error -> assertThat(error).contains(key));
        assertThatThrownBy(() -> HelmChart.render(VALUES.relativize(INVALID_VALUES.resolve(file)).toString()))
                .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining(key);
    }

    private static List<Error> validate(Path valuesFile) throws IOException {
        return schema.validate(Files.readString(valuesFile), InputFormat.YAML);
    }

    /** Keys of values under an object schema with declared properties that the schema leaves out. */
    private static void collectUndeclared(String path, JsonNode values, JsonNode schemaNode, List<String> missing) {
        assertThat(schemaNode.path("type").asText()).as("type of %s", path).isEqualTo("object");
        for (Map.Entry<String, JsonNode> value : values.properties()) {
            String key = path.isEmpty() ? value.getKey() : path + "." + value.getKey();
            JsonNode property = schemaNode.path("properties").path(value.getKey());
            if (property.isMissingNode()) {
                missing.add(key);
            } else if (!property.has("type") && !property.has("anyOf")) {
                missing.add(key + " (no type)");
            } else if (value.getValue().isObject() && property.has("properties")) {
                collectUndeclared(key, value.getValue(), property, missing);
            }
        }
    }
}
