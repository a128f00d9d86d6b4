package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.config.PipelinesFile;
import io.denoiser.config.TopicNames;
import io.denoiser.model.InferenceEngineKind;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart hands the application every setting it reads, where it reads it. */
final class HelmChartConfigTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private static final String DENOISER = HelmChart.RELEASE + "-kafka-denoiser";
    private static final String TRAINER = DENOISER + "-trainer";
    private static final String SIMILAR = DENOISER + "-similar";
    /** The chart leaves the topic files to the copies in the jar, which are the same as files/topics/. */
    private static final Set<String> LEFT_TO_DEFAULTS = Set.of("DENOISER_TOPICS_DIR");

    @Test
    void shouldSetEveryEnvironmentVariableServeReads() {
        RenderedManifests manifests = HelmChart.render("sasl.yaml");
        Set<String> expected = new TreeSet<>(DenoiserCli.environmentVariablesOf("serve"));
        expected.removeAll(LEFT_TO_DEFAULTS);
        assertThat(expected).contains("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_CONFIG_FILE", "DENOISER_APPLICATION_ID");
        assertThat(environment(manifests, DENOISER).keySet()).containsAll(expected);
    }

    /** Helm renders numbers from values.yaml as floats: 1048576 would reach serve as "1.048576e+06". */
    @Test
    void shouldRenderEveryVariableAsAValueItsOptionAccepts() {
        RenderedManifests manifests = HelmChart.render("sasl.yaml", "similar.yaml");
        Map<String, String> workloads = Map.of("serve", DENOISER, "train", TRAINER, "similar", SIMILAR);
        workloads.forEach((command, workload) -> {
            Map<String, String> env = environment(manifests, workload);
            DenoiserCli.environmentVariablesOf(command).stream().filter(env::containsKey).forEach(variable ->
                    assertThatCode(() -> DenoiserCli.parseAsOption(command, variable, env.get(variable)))
                            .as("%s=%s for %s", variable, env.get(variable), command).doesNotThrowAnyException());
        });
    }

    @Test
    void shouldMountAPipelinesFileThatServeCanLoadWhereItsVariablePoints(@TempDir Path dir) throws Exception {
        RenderedManifests manifests = HelmChart.render("sasl.yaml");
        String file = environment(manifests, DENOISER).get("DENOISER_PIPELINES_FILE");
        Container denoiser = manifests.workloads().stream().filter(w -> w.name().equals(DENOISER)).findFirst()
                .orElseThrow().container("denoiser");
        assertThat(denoiser.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .contains(Path.of(file).getParent().toString());
        Path copy = dir.resolve("pipelines.yaml");
        Files.writeString(copy, manifests.named(ConfigMap.class, DENOISER).getData().get("pipelines.yaml"));
        List<Pipeline> pipelines = PipelinesFile.load(copy, Map.of("images", Pipeline.images(TOPICS, "unet"),
                "sequences", Pipeline.sequences(TOPICS, "lstm")), InferenceEngineKind.ONNXRUNTIME);
        assertThat(pipelines).extracting(Pipeline::name).containsExactly("images", "sequences");
        assertThat(pipelines.get(0).outputFormat()).isEqualTo(OutputFormat.PNG);
        assertThat(pipelines.get(1).batchSize()).isEqualTo(64);
        assertThat(pipelines).extracting(Pipeline::engine)
                .containsExactly(InferenceEngineKind.ONNXRUNTIME, InferenceEngineKind.DL4J);
    }

    @Test
    void shouldServeOnTheApplicationsDefaultEngineUnlessTheValuesNameAnother() {
        assertThat(environment(HelmChart.render(), DENOISER)).containsEntry("DENOISER_ENGINE",
                InferenceEngineKind.DEFAULT_ID);
    }

    @Test
    void shouldMountTheModelFilesWhereTheirVariablePoints() {
        RenderedManifests manifests = HelmChart.render("sasl.yaml");
        Workload denoiser = manifests.workloads().stream().filter(w -> w.name().equals(DENOISER)).findFirst().orElseThrow();
        Volume files = denoiser.pod().getVolumes().stream().filter(v -> v.getName().equals("model-files")).findFirst()
                .orElseThrow();

        assertThat(environment(manifests, DENOISER).get("DENOISER_MODEL_FILES"))
                .isEqualTo("vibration-lstm=/etc/denoiser/model-files/vibration-lstm.dnm");
        assertThat(files.getConfigMap().getName()).isEqualTo("denoiser-models");
        assertThat(files.getConfigMap().getItems()).extracting(item -> item.getPath()).containsExactly("vibration-lstm.dnm");
        assertThat(denoiser.container("denoiser").getVolumeMounts()).filteredOn(m -> m.getName().equals("model-files"))
                .extracting(VolumeMount::getMountPath).containsExactly("/etc/denoiser/model-files");
    }

    @Test
    void shouldGiveTheDenoiserThePublicKeyOnlyAndTheTrainerBothKeys() {
        RenderedManifests manifests = HelmChart.render("sasl.yaml");
        Map<String, List<String>> keyFiles = new HashMap<>();
        for (String workload : new String[] {DENOISER, TRAINER}) {
            Volume keys = manifests.workloads().stream().filter(w -> w.name().equals(workload)).findFirst().orElseThrow()
                    .pod().getVolumes().stream().filter(v -> v.getName().equals("signing-keys")).findFirst().orElseThrow();
            keyFiles.put(workload, keys.getSecret().getItems().stream().map(item -> item.getPath()).toList());
        }
        assertThat(keyFiles.get(DENOISER)).containsExactly("model-signing.pub");
        assertThat(keyFiles.get(TRAINER)).containsExactlyInAnyOrder("model-signing.pub", "model-signing.key");
        Map<String, String> env = environment(manifests, DENOISER);
        assertThat(env.get("DENOISER_MODEL_PUBLIC_KEYS")).isEqualTo("/etc/denoiser/keys/model-signing.pub");
        assertThat(env.get("DENOISER_ALLOW_UNSIGNED_MODELS")).isEqualTo("false");
        assertThat(environment(manifests, TRAINER).get("TRAIN_SIGNING_KEY")).isEqualTo("/etc/denoiser/keys/model-signing.key");
    }

    @Test
    void shouldSetTheLogLevelAndFormatOfEveryComponent() {
        RenderedManifests text = HelmChart.render("similar.yaml");
        RenderedManifests json = HelmChart.render("similar.yaml", "json-logs.yaml");
        for (String workload : List.of(DENOISER, TRAINER, SIMILAR)) {
            assertThat(environment(text, workload)).as(workload).containsEntry("DENOISER_LOG_LEVEL", "INFO")
                    .containsEntry("DENOISER_LOG_FORMAT", "text");
            assertThat(environment(json, workload)).as(workload).containsEntry("DENOISER_LOG_LEVEL", "DEBUG")
                    .containsEntry("DENOISER_LOG_FORMAT", "json");
        }
    }

    @Test
    void shouldSetEveryEnvironmentVariableTrainReads() {
        RenderedManifests manifests = HelmChart.render("sasl.yaml");
        assertThat(environment(manifests, TRAINER).keySet())
                .containsAll(DenoiserCli.environmentVariablesOf("train"));
    }

    @Test
    void shouldPointTheStateDirectoryAndMetricsPortAtWhatThePodProvides() {
        RenderedManifests manifests = HelmChart.render();
        Map<String, String> env = environment(manifests, DENOISER);
        Container denoiser = manifests.workloads().stream().filter(w -> w.name().equals(DENOISER)).findFirst()
                .orElseThrow().container("denoiser");
        assertThat(denoiser.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .contains(env.get("DENOISER_STATE_DIR"), "/tmp", "/var/cache/denoiser/javacpp");
        assertThat(denoiser.getPorts()).filteredOn(p -> p.getName().equals("metrics")).singleElement()
                .satisfies(p -> assertThat(p.getContainerPort()).hasToString(env.get("DENOISER_METRICS_PORT")));
        assertThat(env).doesNotContainKeys("KAFKA_CONFIG_FILE", "DENOISER_REPLICATION_FACTOR");
    }

    @Test
    void shouldRenderKafkaPropertiesIntoASecretMountedWhereKafkaConfigFilePoints() throws Exception {
        RenderedManifests manifests = HelmChart.render("sasl.yaml");
        Secret secret = manifests.named(Secret.class, DENOISER + "-kafka");
        Properties rendered = new Properties();
        rendered.load(new StringReader(secret.getStringData().get("client.properties")));
        assertThat(rendered).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"denoiser\" password=\"s3cr\\et=\";",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/denoiser/kafka/ca.crt"));
        for (String workload : new String[] {DENOISER, TRAINER}) {
            String configFile = environment(manifests, workload).get("KAFKA_CONFIG_FILE");
            assertThat(secretPathOf(manifests, workload, configFile))
                    .as("%s reads %s", workload, configFile).isEqualTo(secret.getMetadata().getName() + "/client.properties");
        }
    }

    @Test
    void shouldMountAnExistingKafkaSecretUnderItsOwnKey() {
        RenderedManifests manifests = HelmChart.render("existing-secret.yaml");
        String configFile = environment(manifests, DENOISER).get("KAFKA_CONFIG_FILE");
        assertThat(secretPathOf(manifests, DENOISER, configFile)).isEqualTo("kafka-client/sasl.properties");
        assertThat(manifests.all(Secret.class)).isEmpty();
    }

    @Test
    void shouldMountSigningKeysReadOnlyOnlyWhenASecretIsNamed() {
        RenderedManifests signed = HelmChart.render("sasl.yaml");
        for (String workload : new String[] {DENOISER, TRAINER}) {
            Workload pod = signed.workloads().stream().filter(w -> w.name().equals(workload)).findFirst().orElseThrow();
            assertThat(pod.pod().getVolumes()).filteredOn(v -> v.getSecret() != null)
                    .extracting(v -> v.getSecret().getSecretName()).contains("denoiser-signing-keys");
            assertThat(pod.containers().get(0).getVolumeMounts())
                    .filteredOn(m -> m.getMountPath().equals("/etc/denoiser/keys")).singleElement()
                    .satisfies(m -> assertThat(m.getReadOnly()).isTrue());
        }
        assertThat(HelmChart.render().workloads()).flatExtracting(w -> w.pod().getVolumes())
                .extracting(Volume::getName).doesNotContain("signing-keys");
    }

    @Test
    void shouldPlaceEveryPodAndPassJvmOptionsAsAsked() {
        RenderedManifests manifests = HelmChart.render("placement.yaml");
        for (Workload workload : manifests.workloads()) {
            assertThat(workload.pod().getNodeSelector()).as("%s", workload).containsEntry("workload", "ml");
            assertThat(workload.pod().getTolerations()).as("%s", workload).extracting(t -> t.getKey())
                    .containsExactly("dedicated");
            assertThat(workload.pod().getImagePullSecrets()).as("%s", workload).extracting(s -> s.getName())
                    .containsExactly("regcred");
            assertThat(workload.pod().getAffinity().getPodAntiAffinity()).as("%s", workload).isNotNull();
            Container container = workload.containers().get(0);
            if (container.getCommand().isEmpty()) { // the image's entrypoint, java; the helm test pod runs bash
                assertThat(container.getEnv()).as("%s", workload)
                        .filteredOn(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).extracting(EnvVar::getValue)
                        .containsExactly("-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError");
            }
        }
        assertThat(manifests.named(Deployment.class, DENOISER).getSpec()
                .getTemplate().getMetadata().getAnnotations()).containsEntry("example.com/team", "vision")
                .containsKey("checksum/config");
    }

    @Test
    void shouldPlaceEachComponentByItsOwnValuesAndTheRestByTheChartWideOnes() {
        RenderedManifests manifests = HelmChart.render("component-placement.yaml");
        Map<String, Workload> workloads = new HashMap<>();
        manifests.workloads().forEach(w -> workloads.put(w.name(), w));
        assertThat(workloads.get(TRAINER).pod().getNodeSelector()).containsExactlyEntriesOf(Map.of("workload", "training"));
        assertThat(workloads.get(TRAINER).pod().getTolerations()).extracting(t -> t.getKey())
                .containsExactly("nvidia.com/gpu");
        assertThat(workloads.get(SIMILAR).pod().getAffinity().getNodeAffinity()).isNotNull();
        assertThat(workloads.get(SIMILAR).pod().getNodeSelector()).containsExactlyEntriesOf(Map.of("workload", "ml"));
        assertThat(workloads.get(DENOISER).pod().getTopologySpreadConstraints()).singleElement()
                .satisfies(c -> assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
        assertThat(workloads.get(DENOISER).pod().getTolerations()).extracting(t -> t.getKey())
                .containsExactly("dedicated");
        assertThat(workloads.values()).filteredOn(w -> !w.name().equals(DENOISER))
                .allSatisfy(w -> assertThat(w.pod().getTopologySpreadConstraints()).as("%s", w).isEmpty());
        assertThat(workloads.get(DENOISER + "-topics").pod().getNodeSelector()).containsEntry("workload", "ml");
    }

    @Test
    void shouldAddEachComponentsExtraVariablesAndVolumesToItAlone() {
        RenderedManifests manifests = HelmChart.render("component-placement.yaml");
        assertThat(environment(manifests, DENOISER)).containsEntry("DENOISER_LOG_LEVEL", "DEBUG");
        assertThat(environment(manifests, TRAINER)).containsEntry("HTTPS_PROXY", "http://proxy.example.com:3128")
                .containsEntry("DENOISER_LOG_LEVEL", "INFO");
        Workload denoiser = workload(manifests, DENOISER);
        assertThat(denoiser.pod().getVolumes()).filteredOn(v -> v.getName().equals("truststore")).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("kafka-truststore"));
        assertThat(denoiser.container("denoiser").getVolumeMounts()).filteredOn(m -> m.getName().equals("truststore"))
                .extracting(VolumeMount::getMountPath).containsExactly("/etc/truststore");
        Workload similar = workload(manifests, SIMILAR);
        assertThat(similar.pod().getVolumes()).extracting(Volume::getName).contains("scratch")
                .doesNotContain("truststore");
        assertThat(similar.container("similar").getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .contains("/scratch");
        assertThat(workload(manifests, TRAINER).pod().getVolumes()).extracting(Volume::getName)
                .doesNotContain("truststore", "scratch");
    }

    /** ConfigMap entries the workload's container imports plus its own env, as the container will see them. */
    private static Map<String, String> environment(RenderedManifests manifests, String workload) {
        Workload pod = workload(manifests, workload);
        Container target = pod.containers().get(0);
        Map<String, String> env = new HashMap<>();
        target.getEnvFrom().forEach(source -> env.putAll(
                manifests.named(ConfigMap.class, source.getConfigMapRef().getName()).getData()));
        for (EnvVar variable : target.getEnv()) {
            env.put(variable.getName(), variable.getValue());
        }
        return env;
    }

    /** "secretName/key" of the Secret file a container sees at this path. */
    private static String secretPathOf(RenderedManifests manifests, String workload, String file) {
        Workload pod = workload(manifests, workload);
        Path path = Path.of(file);
        VolumeMount mount = pod.containers().get(0).getVolumeMounts().stream()
                .filter(m -> path.getParent().equals(Path.of(m.getMountPath()))).findFirst()
                .orElseThrow(() -> new AssertionError(file + " is on no volume of " + workload));
        Volume volume = pod.pod().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow();
        assertThat(mount.getReadOnly()).as("%s mounted read-only", mount.getName()).isTrue();
        return volume.getSecret().getSecretName() + "/" + path.getFileName();
    }

    private static Workload workload(RenderedManifests manifests, String name) {
        return manifests.workloads().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }
}
