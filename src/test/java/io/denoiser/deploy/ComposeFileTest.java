package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker/compose.yaml is a valid Compose file whose app services run real commands, hardened. */
final class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker", "compose.yaml");
    private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");
    private static final Path SCHEMA = Path.of("src", "test", "resources", "compose-spec", "compose-spec.json");

    private static JsonNode compose;

    @BeforeAll
    static void load() throws IOException {
        compose = new YAMLMapper().readTree(COMPOSE.toFile());
    }

    @Test
    void shouldValidateAgainstTheComposeSpecification() throws IOException {
        Schema schema;
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            // The schema declares draft 2019-09 but names its identifiers "id" (the draft 4 spelling), which
            // draft 2019-09 treats as an annotation; the validator otherwise rejects the schema.
            Dialect draft201909 = Dialect.builder(Dialects.getDraft201909()).keyword(new AnnotationKeyword("id")).build();
            schema = SchemaRegistry.withDialect(draft201909).getSchema(in);
        }
        List<Error> errors = schema.validate(Files.readString(COMPOSE), InputFormat.YAML);
        assertThat(errors).as("%s against %s", COMPOSE, SCHEMA).isEmpty();
    }

    @Test
    void shouldRunOnlyRealCommandsOfTheApplication() {
        Map<String, String> commands = new TreeMap<>();
        for (Map.Entry<String, JsonNode> service : appServices()) {
            JsonNode command = service.getValue().path("command");
            assertThat(command.isArray()).as("%s command in exec form", service.getKey()).isTrue();
            commands.put(service.getKey(), DenoiserCli.commandOf(strings(command)));
        }
        assertThat(commands).containsExactlyInAnyOrderEntriesOf(Map.of("topics", "topics apply", "denoiser", "serve",
                "trainer", "train", "producer", "produce", "keys", "keys generate"));
    }

    @Test
    void shouldRunTheApplicationAsNonRootOnAReadOnlyRootWithAWritableTmp() {
        for (Map.Entry<String, JsonNode> service : appServices()) {
            JsonNode definition = service.getValue();
            assertThat(definition.path("read_only").asBoolean()).as("%s read_only", service.getKey()).isTrue();
            String uid = definition.path("user").asText("root").split(":")[0];
            assertThat(uid).as("%s user", service.getKey()).matches("[0-9]+").isNotEqualTo("0");
            assertThat(strings(definition.path("tmpfs"))).as("%s tmpfs", service.getKey())
                    .anyMatch(mount -> mount.equals("/tmp") || mount.startsWith("/tmp:"));
        }
    }

    @Test
    void shouldBuildAndMountOnlyPathsThatExist() {
        Path base = COMPOSE.getParent();
        for (Map.Entry<String, JsonNode> service : services()) {
            JsonNode build = service.getValue().path("build");
            if (!build.isMissingNode()) {
                Path context = base.resolve(build.path("context").asText(".")).normalize();
                assertThat(context).as("%s build context", service.getKey()).isDirectory();
                assertThat(context.resolve(build.path("dockerfile").asText("Dockerfile")))
                        .as("%s Dockerfile", service.getKey()).isRegularFile();
            }
            for (String volume : strings(service.getValue().path("volumes"))) {
                String source = volume.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(base.resolve(source)).as("%s bind mount", service.getKey()).exists();
                } else {
                    assertThat(compose.path("volumes").has(source)).as("%s volume %s declared", service.getKey(), source)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void shouldWaitOnlyForServicesThatCanSignalTheCondition() {
        for (Map.Entry<String, JsonNode> service : services()) {
            for (Map.Entry<String, JsonNode> dependency : fields(service.getValue().path("depends_on"))) {
                JsonNode target = compose.path("services").path(dependency.getKey());
                String where = service.getKey() + " -> " + dependency.getKey();
                assertThat(target.isMissingNode()).as("%s: no such service", where).isFalse();
                switch (dependency.getValue().path("condition").asText()) {
                    case "service_healthy" -> assertThat(target.path("healthcheck").path("test").isMissingNode())
                            .as("%s: the dependency has no healthcheck", where).isFalse();
                    case "service_completed_successfully" -> assertThat(target.path("restart").asText())
                            .as("%s: the dependency must run once", where).isEqualTo("no");
                    default -> { }
                }
            }
        }
    }

    @Test
    void shouldCheckTheDenoiserOnItsReadinessEndpoint() {
        JsonNode denoiser = compose.path("services").path("denoiser");
        String port = denoiser.path("environment").path("DENOISER_METRICS_PORT").asText();
        assertThat(String.join(" ", strings(denoiser.path("healthcheck").path("test"))))
                .contains("/dev/tcp/127.0.0.1/" + port).contains("GET /health/ready").contains("' 200 '");
        assertThat(strings(denoiser.path("ports"))).contains(port + ":" + port);
    }

    @Test
    void shouldServeWithTheReplicationFactorTheTopicsWereCreatedWith() {
        List<String> topics = strings(compose.path("services").path("topics").path("command"));
        String created = topics.get(topics.indexOf("--replication-factor") + 1);
        assertThat(compose.path("services").path("denoiser").path("environment").path("DENOISER_REPLICATION_FACTOR")
                .asText()).as("serve refuses topics whose replication differs").isEqualTo(created);
        assertThat(compose.path("services").path("kafka").path("environment").path("KAFKA_AUTO_CREATE_TOPICS_ENABLE")
                .asText()).isEqualTo("false");
    }

    @Test
    void shouldMountThePrivateSigningKeyOnlyWhereModelsAreSigned() {
        List<String> generate = strings(compose.path("services").path("keys").path("command"));
        String privateDirectory = generate.get(generate.indexOf("--out") + 1);
        String privateVolume = strings(compose.path("services").path("keys").path("volumes")).stream()
                .filter(volume -> volume.split(":")[1].equals(privateDirectory)).map(volume -> volume.split(":")[0])
                .findFirst().orElseThrow();
        for (Map.Entry<String, JsonNode> service : appServices()) {
            boolean mounts = strings(service.getValue().path("volumes")).stream()
                    .anyMatch(volume -> volume.split(":")[0].equals(privateVolume));
            assertThat(mounts).as("%s mounts %s", service.getKey(), privateVolume)
                    .isEqualTo(List.of("keys", "trainer").contains(service.getKey()));
        }
        assertThat(compose.path("services").path("denoiser").path("environment").path("DENOISER_MODEL_PUBLIC_KEYS")
                .asText()).endsWith(".pub").doesNotStartWith(privateDirectory + "/");
    }

    @Test
    void shouldMountNamedVolumesOnlyOnDirectoriesTheImageMakesForTheServicesUser() throws IOException {
        // A named volume starts as a copy of the image's directory, owner included: a path the image lacks
        // comes up root-owned, and the non-root user cannot write it.
        Map<Path, String> directories = Dockerfile.parse(DOCKERFILE).runtime().createdDirectories();
        for (Map.Entry<String, JsonNode> service : appServices()) {
            String uid = service.getValue().path("user").asText().split(":")[0];
            for (String volume : strings(service.getValue().path("volumes"))) {
                String[] parts = volume.split(":");
                if (compose.path("volumes").has(parts[0])) {
                    assertThat(directories).as("%s mounts %s", service.getKey(), volume)
                            .containsKey(Path.of(parts[1]));
                    assertThat(directories.get(Path.of(parts[1])).split(":")[0]).as("owner of %s in the image", parts[1])
                            .isEqualTo(uid);
                }
            }
        }
    }

    /** Services running the image built from docker/Dockerfile. */
    private static List<Map.Entry<String, JsonNode>> appServices() {
        List<Map.Entry<String, JsonNode>> app = services().stream()
                .filter(s -> s.getValue().path("build").path("dockerfile").asText().equals("docker/Dockerfile")).toList();
        String image = app.get(0).getValue().path("image").asText();
        assertThat(services()).filteredOn(s -> s.getValue().path("image").asText().equals(image))
                .as("services on the app image all build it").hasSameSizeAs(app);
        return app;
    }

    private static List<Map.Entry<String, JsonNode>> services() {
        return fields(compose.path("services"));
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(fields::add);
        return fields;
    }

    private static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
    }
}
