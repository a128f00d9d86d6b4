package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.codec.DType;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ShippedModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.stream.StreamSupport;
import javax.tools.ToolProvider;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * topics/FORMATS.md against real output of the production topology and the shipped models: its Python and
 * Java reading examples, run as written there, decode every value a pipeline writes exactly as the
 * denoiser's own codec does, and its table of latent vectors states what each shipped model writes.
 */
class FormatsDocTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private static final TensorCodec CODEC = new TensorCodec(DenoiserConfig.DEFAULT_MAX_TENSOR_ELEMENTS);
    private static final Map<String, byte[]> VALUES = new LinkedHashMap<>();
    /** How the latent table states a range: ReLU outputs, or an LSTM's hidden state; an embedding has none. */
    private static final String NON_NEGATIVE = "≥ 0";
    private static final String TANH = "in (−1, 1)";
    /** How the latent table says a model writes its embedding, which comes with a space and a hash header. */
    private static final String EMBEDDING = "embedding";

    @TempDir
    static Path work;

    /**
     * Values of every kind the topics carry: the default image pipeline's inputs (uint8 and float32 binary, of
     * both byte orders, JSON of floats and of 0..255 integers) and what it writes for them.
     */
    @BeforeAll
    static void denoiseOneInputOfEachKind() throws IOException {
        float[] noisy = new float[784];
        Random random = new Random(7);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = random.nextFloat();
        }
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("uint8", CODEC.encodeUint8(new Tensor(new int[] {28, 28}, noisy)));
        inputs.put("float32", CODEC.encodeFloat32(new Tensor(new int[] {1, 28, 28}, noisy)));
        inputs.put("float32le", CODEC.encode(new Tensor(new int[] {28, 28}, noisy), DType.FLOAT32_LE));
        inputs.put("json", CODEC.encodeJson(new Tensor(new int[] {28, 28}, noisy)));
        inputs.put("json-uint8", uint8Json(inputs.get("uint8")));
        Pipeline pipeline = Pipeline.images(TOPICS, DenoiserConfig.DEFAULT_IMAGE_MODEL).withBatching(1, 50);
        try (TopologyHarness harness = harness(pipeline, ShippedModels.load(DenoiserConfig.DEFAULT_IMAGE_MODEL))) {
            TestInputTopic<String, byte[]> input = harness.input(pipeline.inputTopic());
            inputs.forEach((key, value) -> {
                input.pipeInput(key, value);
                VALUES.put("noisy-" + key, value);
            });
            harness.output(pipeline.denoisedTopic()).readRecordsToList()
                    .forEach(r -> VALUES.put("denoised-" + r.key() + describe(r), r.value()));
            harness.output(pipeline.latentTopic()).readRecordsToList()
                    .forEach(r -> VALUES.put("latent-" + r.key() + describe(r), r.value()));
        }
        assertThat(VALUES.keySet()).contains("denoised-uint8-binary-uint8", "denoised-float32-binary-float32",
                "denoised-json-json", "latent-uint8-binary-float32", "latent-json-json",
                "denoised-float32le-binary-float32_le", "latent-float32le-binary-float32_le").hasSize(15);
        for (Map.Entry<String, byte[]> value : VALUES.entrySet()) {
            Files.write(work.resolve(value.getKey()), value.getValue());
        }
    }

    @Test
    void shouldDecodeEveryValueWithThePythonExampleAsTheCodecDoes() throws IOException {
        Python3.requireNumpy(work);
        String driver = """

                import json as _json, sys as _sys
                for _path in _sys.argv[1:]:
                    with open(_path, "rb") as _file:
                        _array = decode(_file.read())
                    print(_json.dumps({"dtype": str(_array.dtype), "shape": list(_array.shape),
                                       "values": _array.ravel().tolist()}))
                """;
        List<String> files = VALUES.keySet().stream().map(name -> work.resolve(name).toString()).toList();
        Python3.Result result = Python3.run(FormatsDoc.read().example("python-decode") + driver, files, work);
        assertThat(result.exitCode()).as("python3 failed: %s", result.stderr()).isZero();

        List<String> lines = result.stdout().lines().toList();
        assertThat(lines).hasSize(VALUES.size());
        int line = 0;
        for (Map.Entry<String, byte[]> value : VALUES.entrySet()) {
            JsonNode decoded = new ObjectMapper().readTree(lines.get(line++));
            Tensor expected = CODEC.decodeDetecting(value.getValue());
            assertThat(decoded.get("dtype").asText()).as(value.getKey()).isEqualTo("float32");
            assertThat(ints(decoded.get("shape"))).as(value.getKey()).containsExactly(expected.shape());
            assertThat(floats(decoded.get("values"))).as(value.getKey()).containsExactly(expected.values());
        }
    }

    @Test
    void shouldDecodeEveryBinaryValueWithTheJavaExampleAsTheCodecDoes() throws Exception {
        Path source = Files.createDirectories(work.resolve("java")).resolve("DenoiserTensor.java");
        Files.writeString(source, FormatsDoc.read().example("java-decode"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exitCode = ToolProvider.getSystemJavaCompiler().run(null, null, new PrintStream(errors, true, StandardCharsets.UTF_8),
                "-d", source.getParent().toString(), source.toString());
        assertThat(exitCode).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {source.getParent().toUri().toURL()})) {
            Class<?> type = loader.loadClass("DenoiserTensor");
            Method decode = type.getMethod("decode", byte[].class);
            int binaries = 0;
            for (Map.Entry<String, byte[]> value : VALUES.entrySet()) {
                if (TensorFormat.detect(value.getValue()) != TensorFormat.BINARY) {
                    continue;
                }
                Object decoded = decode.invoke(null, (Object) value.getValue());
                Tensor expected = CODEC.decodeDetecting(value.getValue());
                assertThat((int[]) type.getMethod("shape").invoke(decoded)).as(value.getKey()).containsExactly(expected.shape());
                assertThat((float[]) type.getMethod("values").invoke(decoded)).as(value.getKey())
                        .containsExactly(expected.values());
                binaries++;
            }
            assertThat(binaries).isEqualTo(9);
        }
    }

    @Test
    void shouldWriteForEachShippedModelTheLatentVectorItsTableRowStates() throws IOException {
        List<FormatsDoc.LatentRow> rows = FormatsDoc.read().latentRows();
        assertThat(rows).extracting(FormatsDoc.LatentRow::model)
                .containsExactlyInAnyOrder("unet", "cnn-seed", "dense", "photo", "lstm", "lstm-sensors", "cnn-sensors");
        for (FormatsDoc.LatentRow row : rows) {
            ModelRecord model = ShippedModels.load(row.model());
            Architecture architecture = Architecture.fromId(model.metadata().architecture());
            Pipeline pipeline = (architecture.readsSequences() ? Pipeline.sequences(TOPICS, row.model())
                    : Pipeline.images(TOPICS, row.model())).withBatching(1, 50);
            try (TopologyHarness harness = harness(pipeline, model)) {
                TestInputTopic<String, byte[]> input = harness.input(pipeline.inputTopic());
                List<int[]> shapes = inputShapes(model, architecture);
                for (int[] shape : shapes) {
                    input.pipeInput(row.model(), CODEC.encodeFloat32(randomTensor(shape)));
                }
                List<TestRecord<String, byte[]>> latents = harness.output(pipeline.latentTopic()).readRecordsToList();
                assertThat(latents).as(row.model()).hasSize(shapes.size());
                assertThat(row.description()).as(row.model()).containsAnyOf(NON_NEGATIVE, TANH, EMBEDDING);
                boolean embedding = row.description().startsWith(EMBEDDING);
                for (TestRecord<String, byte[]> latent : latents) {
                    Tensor vector = CODEC.decodeDetecting(latent.value());
                    assertThat(vector.shape()).as(row.model()).containsExactly(row.length());
                    assertThat(latent.headers().lastHeader(OutputHeaders.LATENT_SPACE) != null).as(row.model())
                            .isEqualTo(embedding);
                    for (float value : embedding ? new float[0] : vector.values()) {
                        assertThat(row.description().contains(NON_NEGATIVE) ? value >= 0 : Math.abs(value) < 1)
                                .as("%s latent value %s outside what the table states", row.model(), value).isTrue();
                    }
                }
            }
        }
    }

    /** The model's own input; for a tiled model, two other sizes, one RGB; for a window of any length, a shorter one too. */
    private static List<int[]> inputShapes(ModelRecord model, Architecture architecture) {
        int[] own = model.metadata().inputShape();
        if (architecture.tiling().isPresent()) {
            return List.of(new int[] {20, 36}, new int[] {3, 12, 16});
        }
        if (architecture == Architecture.CNN1D) {
            return List.of(own, new int[] {own[0] / 2, own[1]});
        }
        return List.of(own);
    }

    private static TopologyHarness harness(Pipeline pipeline, ModelRecord model) throws IOException {
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), TOPICS,
                Files.createTempDirectory(work, "state")).pipelines(List.of(pipeline)).build();
        return new TopologyHarness(config, List.of(model), new SimpleMeterRegistry());
    }

    private static Tensor randomTensor(int[] shape) {
        int count = 1;
        for (int dimension : shape) {
            count *= dimension;
        }
        float[] values = new float[count];
        Random random = new Random(count);
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat();
        }
        return new Tensor(shape, values);
    }

    /** The JSON form with {@code "dtype":"uint8"} of a uint8 binary tensor [28, 28], whose payload starts at byte 14. */
    private static byte[] uint8Json(byte[] binary) {
        StringJoiner data = new StringJoiner(",", "{\"shape\":[28,28],\"dtype\":\"uint8\",\"data\":[", "]}");
        for (int i = 14; i < binary.length; i++) {
            data.add(Integer.toString(binary[i] & 0xff));
        }
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** "-binary-uint8", "-binary-float32" or "-json": what a record's value is, by its content-type header and dtype byte. */
    private static String describe(TestRecord<String, byte[]> record) {
        TensorFormat format = TensorFormat.fromContentType(header(record.headers(), TensorFormat.CONTENT_TYPE_HEADER));
        if (format != TensorFormat.BINARY) {
            return "-" + format.name().toLowerCase(Locale.ROOT);
        }
        return "-binary-" + TensorCodec.binaryType(record.value()).name().toLowerCase(Locale.ROOT);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    /** Python's floats are the float32 values widened to double, so narrowing them back is exact. */
    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }
}
