package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.deploy.Dockerfile.Instruction;
import io.denoiser.deploy.Dockerfile.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** docker/Dockerfile copies what the Maven build makes, runs the jar, and needs no root and no writable root. */
final class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");
    private static final Path DOCKERIGNORE = Path.of(".dockerignore");

    private static Dockerfile dockerfile;

    @BeforeAll
    static void parse() throws Exception {
        dockerfile = Dockerfile.parse(DOCKERFILE);
    }

    @Test
    void shouldRunTheImageAsTheNumericNonRootUserTheChartExpects() throws Exception {
        String user = dockerfile.runtime().last("USER").arguments();
        String uid = user.split(":")[0];
        assertThat(uid).as("a numeric USER lets Kubernetes verify runAsNonRoot").matches("[0-9]+").isNotEqualTo("0");
        assertThat(uid).isEqualTo(ChartValues.load().path("podSecurityContext").path("runAsUser").asText());
    }

    @Test
    void shouldCopyIntoTheImageExactlyWhatTheMavenBuildProduces() throws Exception {
        Map<String, String> copied = copiedFromBuild();
        assertThat(copied.keySet()).containsExactlyInAnyOrder(buildOutputs());
        Stage build = dockerfile.stage(dockerfile.runtime().all("COPY").get(0).flag("from"));
        assertThat(build.all("RUN")).anySatisfy(run -> assertThat(run.words()).contains("mvn", "package"));
    }

    @Test
    void shouldEnterThroughTheJarWithItsLibrariesBesideIt() throws Exception {
        Map<String, String> copied = copiedFromBuild();
        String[] outputs = buildOutputs();
        List<String> entrypoint = dockerfile.runtime().last("ENTRYPOINT").words();
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.get(entrypoint.indexOf("-jar") + 1)).isEqualTo(copied.get(outputs[0]));
        // The jar's manifest finds its dependencies at lib/ next to it.
        assertThat(Path.of(copied.get(outputs[1]))).isEqualTo(Path.of(copied.get(outputs[0])).resolveSibling("lib"));
        assertThat(DenoiserCli.commandOf(dockerfile.runtime().last("CMD").words())).isEqualTo("serve");
    }

    @Test
    void shouldDeclareAVolumeForEveryPathTheApplicationWrites() {
        Stage runtime = dockerfile.runtime();
        List<String> entrypoint = runtime.last("ENTRYPOINT").words();
        List<String> writable = List.of(runtime.environment().get("DENOISER_STATE_DIR"),
                systemProperty(entrypoint, "org.bytedeco.javacpp.cachedir"), systemProperty(entrypoint, "java.io.tmpdir"));
        assertThat(runtime.all("VOLUME")).flatExtracting(Instruction::words).containsAll(writable);
    }

    @Test
    void shouldLoadTheNativesFromAReadOnlyDirectoryUnpackedAtBuild() {
        Stage runtime = dockerfile.runtime();
        Matcher unpack = Pattern.compile("kafka-denoiser\\.jar natives\\s+--out\\s+(\\S+)").matcher(runtime.all("RUN")
                .stream().map(Instruction::arguments).collect(Collectors.joining("\n")));
        assertThat(unpack.find()).as("a RUN of the natives command").isTrue();
        String natives = unpack.group(1);
        List<String> entrypoint = runtime.last("ENTRYPOINT").words();
        assertThat(systemProperty(entrypoint, "java.library.path")).isEqualTo(natives);
        assertThat(systemProperty(entrypoint, "org.bytedeco.javacpp.pathsFirst")).isEqualTo("true");
        assertThat(systemProperty(entrypoint, "onnxruntime.native.path")).isEqualTo(natives);
        assertThat(runtime.all("VOLUME")).flatExtracting(Instruction::words).doesNotContain(natives);
        assertThat(runtime.all("RUN")).as("the natives stay root-owned").noneMatch(run -> run.arguments().contains("chown")
                && Arrays.stream(run.arguments().split("\\s+")).anyMatch(w -> Path.of(natives).startsWith(w)));
    }

    @Test
    void shouldSendTheBuildEveryFileItCopiesFromTheRepository() throws Exception {
        List<String> ignore = Files.readAllLines(DOCKERIGNORE).stream().map(String::strip).toList();
        assertThat(ignore).as("%s allows only what is listed", DOCKERIGNORE).contains("*");
        for (Stage stage : dockerfile.stages()) {
            for (Instruction copy : stage.all("COPY")) {
                if (copy.flag("from") != null) {
                    continue;
                }
                List<String> words = copy.words();
                for (String source : words.subList(0, words.size() - 1)) {
                    assertThat(Path.of(source)).as("COPY %s", source).exists();
                    assertThat(ignore).as("%s lets %s into the build context", DOCKERIGNORE, source)
                            .anyMatch(line -> line.equals("!" + source) || line.equals("!" + source + "/"));
                }
            }
        }
    }

    /** Build output (relative to the repository) to where the runtime stage puts it. */
    private static Map<String, String> copiedFromBuild() {
        Map<String, String> copied = new HashMap<>();
        for (Instruction copy : dockerfile.runtime().all("COPY")) {
            String from = copy.flag("from");
            assertThat(from).as("the runtime stage copies only build outputs: COPY %s", copy.arguments()).isNotNull();
            Path workdir = Path.of(dockerfile.stage(from).last("WORKDIR").arguments());
            List<String> words = copy.words();
            String source = workdir.relativize(Path.of(words.get(0))).toString();
            copied.put(source, words.get(words.size() - 1));
        }
        return copied;
    }

    /** The runnable jar and its dependency directory, as pom.xml names them. */
    private static String[] buildOutputs() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        String jar = "target/" + xpath.evaluate("/project/build/finalName", pom) + ".jar";
        String lib = xpath.evaluate("/project/build/plugins/plugin[artifactId='maven-dependency-plugin']"
                + "//execution[goals/goal='copy-dependencies']/configuration/outputDirectory", pom)
                .replace("${project.build.directory}", "target");
        return new String[] {jar, lib};
    }

    private static String systemProperty(List<String> command, String name) {
        return command.stream().filter(w -> w.startsWith("-D" + name + "=")).map(w -> w.substring(name.length() + 3))
                .findFirst().orElseThrow(() -> new AssertionError("no -D" + name));
    }
}
