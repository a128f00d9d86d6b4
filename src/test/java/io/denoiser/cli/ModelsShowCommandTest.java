package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.data.Normalization;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.ModelRecordCodec;
import io.denoiser.modeltopic.ShippedModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelsShowCommandTest {

    private final StringWriter out = new StringWriter();

    @Test
    void shouldDescribeAShippedModelWithItsEmbeddingAndBottleneck() throws Exception {
        JsonNode unet = show("models", "show", "unet");

        assertThat(unet.get("name").asText()).isEqualTo("unet");
        assertThat(unet.get("architecture").asText()).isEqualTo("unet-s2");
        assertThat(unet.get("version").asLong()).isEqualTo(ShippedModels.load("unet").version());
        assertThat(ints(unet.at("/input/shape"))).containsExactly(1, 28, 28);
        assertThat(unet.at("/input/kind").asText()).isEqualTo("image");
        assertThat(unet.at("/normalization/kind").asText()).isEqualTo("unit");
        assertThat(unet.at("/latent/published").asText()).isEqualTo("embedding");
        assertThat(unet.at("/latent/size").asInt()).isEqualTo(32);
        assertThat(unet.at("/latent/bottleneckSize").asInt()).isEqualTo(32 * 7 * 7);
        assertThat(unet.at("/latent/bottleneckLayout").asText()).isEqualTo("channel-major");
        assertThat(unet.at("/embedding/dimensions").asInt()).isEqualTo(32);
        assertThat(unet.at("/embedding/space").asText()).isNotBlank();
        byte[] record = ModelRecordCodec.encode(ShippedModels.load("unet"));
        assertThat(unet.get("recordSha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(record)));
    }

    @Test
    void shouldGiveTheMinMaxScalingOfASequenceModelTrainedOnCsvColumns(@TempDir Path dir) throws Exception {
        ModelRecord sensors = ShippedModels.load("lstm-sensors");
        ModelMetadata shipped = sensors.metadata();
        Normalization scaling = new Normalization(new float[] {0, 1, 2, 3, 4, 5, 6, 7},
                new float[] {10, 11, 12, 13, 14, 15, 16, 17}, List.of("a", "b", "c", "d", "e", "f", "g", "h"));
        ModelMetadata trainedOnCsv = new ModelMetadata(shipped.name(), shipped.version(), shipped.architecture(),
                shipped.inputShape(), shipped.latentShape(), shipped.parameterCount(),
                Map.of("normalization", scaling.toMap()), shipped.metrics(), shipped.createdAt(), null);
        Path file = dir.resolve("sensors.dnm");
        ModelFiles.write(file, new ModelRecord(trainedOnCsv, sensors.parameters()));

        JsonNode model = show("models", "show", "--model-file", file.toString());

        assertThat(model.at("/input/kind").asText()).isEqualTo("sequence");
        assertThat(model.at("/normalization/kind").asText()).isEqualTo("min-max");
        assertThat(model.at("/normalization/columns/7").asText()).isEqualTo("h");
        assertThat(model.at("/normalization/min/2").asDouble()).isEqualTo(2.0);
        assertThat(model.at("/normalization/max/2").asDouble()).isEqualTo(12.0);
        assertThat(model.at("/latent/published").asText()).isEqualTo("bottleneck");
        assertThat(model.at("/latent/size").asInt()).isEqualTo(64);
        assertThat(model.get("embedding").isNull()).isTrue();
    }

    @Test
    void shouldTakeEitherANameOrAModelFileAndNotBoth() {
        assertThat(Main.commandLine().execute("models", "show")).isNotZero();
        assertThat(Main.commandLine().execute("models", "show", "unet", "--model-file", "x.dnm")).isNotZero();
    }

    private JsonNode show(String... args) throws Exception {
        CommandLine command = Main.commandLine();
        command.setOut(new PrintWriter(out));
        assertThat(command.execute(args)).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
