package io.denoiser.topics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.denoiser.config.Replication;
import io.denoiser.config.TopicNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.TopicConfig;

/** The declared topics: one YAML file per topic, validated when loaded. */
public final class TopicCatalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Every topic config Kafka defines, read from its own {@link TopicConfig} constants. */
    private static final Set<String> KNOWN_CONFIGS = Arrays.stream(TopicConfig.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getName().endsWith("_CONFIG") && f.getType() == String.class)
            .map(TopicCatalog::constant).collect(Collectors.toUnmodifiableSet());

    private final List<TopicSpec> topics;

    private TopicCatalog(List<TopicSpec> topics) {
        this.topics = List.copyOf(topics);
    }

    /**
     * How the buffer changelogs Kafka Streams creates are replicated: as strongly as the files replicate their
     * topics, or with the factor of {@code override} (as for the topics themselves) and a min.insync.replicas
     * no higher than it.
     */
    public Replication changelogReplication(Optional<Short> override) {
        short factor = override.orElseGet(() -> topics.stream().map(TopicSpec::replicationFactor)
                .max(Comparator.naturalOrder()).orElse((short) 1));
        int minInsync = topics.stream().mapToInt(TopicSpec::minInsyncReplicas).max().orElse(1);
        return new Replication(factor, Math.min(minInsync, factor));
    }

    /** Every {@code *.yaml} file in {@code dir}. */
    public static TopicCatalog load(Path dir) throws IOException {
        List<TopicSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted(Comparator.naturalOrder()).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    specs.add(parse(in, file.getFileName().toString()));
                }
            }
        }
        return new TopicCatalog(specs);
    }

    /** The topic files shipped in the jar, one per topic of {@code shipped}. */
    public static TopicCatalog fromClasspath(TopicNames shipped) {
        List<TopicSpec> specs = new ArrayList<>();
        for (String name : shipped.all()) {
            String resource = "/topics/" + name + ".yaml";
            try (InputStream in = TopicCatalog.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("topic file " + resource + " missing from the jar");
                }
                specs.add(parse(in, resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TopicCatalog(specs);
    }

    static TopicSpec parse(InputStream in, String source) throws IOException {
        TopicSpec spec = YAML.readValue(in, TopicSpec.class);
        List<String> errors = validate(spec);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", errors));
        }
        return spec;
    }

    static List<String> validate(TopicSpec spec) {
        List<String> errors = new ArrayList<>();
        if (spec.name() == null || !TopicSpec.NAME_CONVENTION.matcher(spec.name()).matches()) {
            errors.add("name '" + spec.name() + "' does not follow " + TopicSpec.NAME_CONVENTION.pattern());
        }
        if (spec.partitions() < 1) {
            errors.add("partitions must be >= 1");
        }
        if (spec.replicationFactor() < 1) {
            errors.add("replicationFactor must be >= 1");
        }
        spec.configs().keySet().stream().filter(key -> !KNOWN_CONFIGS.contains(key))
                .forEach(key -> errors.add("unknown topic config '" + key + "'"));
        if (spec.key() == null || spec.value() == null || spec.purpose() == null || spec.purpose().isBlank()) {
            errors.add("key, value and purpose are required");
        }
        return errors;
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This catalog and {@code more}, topics it does not declare yet. */
    public TopicCatalog with(List<TopicSpec> more) {
        List<TopicSpec> all = new ArrayList<>(topics);
        more.forEach(spec -> {
            if (declares(spec.name())) {
                throw new IllegalArgumentException(spec.name() + " is declared twice");
            }
            all.add(spec);
        });
        return new TopicCatalog(all);
    }

    public boolean declares(String name) {
        return topics.stream().anyMatch(t -> t.name().equals(name));
    }

    public List<TopicSpec> topics() {
        return topics;
    }

    public TopicSpec byName(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic file declares " + name));
    }
}
