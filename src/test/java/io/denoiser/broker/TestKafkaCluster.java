package io.denoiser.broker;

import io.denoiser.config.KafkaConnection;
import io.denoiser.config.TopicNames;
import io.denoiser.topics.TopicApplier;
import io.denoiser.topics.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node KRaft cluster for integration tests, from Kafka's own test kit. */
public final class TestKafkaCluster implements AutoCloseable {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private final KafkaClusterTestKit cluster;
    private final AtomicInteger namespaces = new AtomicInteger();

    private TestKafkaCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static TestKafkaCluster start() throws Exception {
        return start(Map.of());
    }

    /** A cluster whose broker also has {@code brokerConfigs}, e.g. a log cleaner that checks more often. */
    public static TestKafkaCluster start(Map<String, String> brokerConfigs) throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false");
        brokerConfigs.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new TestKafkaCluster(cluster);
    }

    public KafkaConnection connection() {
        return KafkaConnection.of(cluster.bootstrapServers());
    }

    public void createTopics(Map<String, Integer> partitionsByTopic) throws Exception {
        try (Admin admin = Admin.create(connection().baseProperties())) {
            List<NewTopic> topics = new ArrayList<>();
            partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
            admin.createTopics(topics).all().get();
            TopicApplier.awaitLeaders(admin, partitionsByTopic.keySet());
        }
    }

    /**
     * The shipped topic files applied once more, each topic under a name of its own ({@code denoiser.images.noisy}
     * as {@code denoiser.t1.images.noisy}, then {@code t2}, ...), with one replica: tests that share this cluster
     * then share no topic. Returns the names to configure the test's denoiser, trainer or clients with.
     */
    public TopicNames applyShippedApart() throws Exception {
        String namespace = "denoiser.t" + namespaces.incrementAndGet() + ".";
        UnaryOperator<String> rename = name -> name.replaceFirst("^denoiser\\.", namespace);
        TopicNames shipped = TOPICS;
        TopicNames names = new TopicNames(rename.apply(shipped.noisyImages()), rename.apply(shipped.denoisedImages()),
                rename.apply(shipped.latentVectors()), rename.apply(shipped.cleanImages()),
                rename.apply(shipped.noisySequences()), rename.apply(shipped.denoisedSequences()),
                rename.apply(shipped.latentSequences()), rename.apply(shipped.cleanSequences()),
                rename.apply(shipped.models()), rename.apply(shipped.deadLetters()));
        List<NewTopic> topics = TopicCatalog.fromClasspath(TOPICS).topics().stream()
                .map(spec -> new NewTopic(rename.apply(spec.name()), spec.partitions(), (short) 1)
                        .configs(spec.configsFor((short) 1)))
                .toList();
        try (Admin admin = Admin.create(connection().baseProperties())) {
            admin.createTopics(topics).all().get();
            TopicApplier.awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        }
        return names;
    }

    /** One topic of one partition with the given topic configs. */
    public void createTopic(String name, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(connection().baseProperties())) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs))).all().get();
            TopicApplier.awaitLeaders(admin, List.of(name));
        }
    }

    public KafkaProducer<String, byte[]> producer() {
        Properties properties = connection().baseProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 20 << 20);
        // Tests produce within milliseconds of creating topics. Leaders are awaited, but should a request still
        // reach the broker before it applied the partition, one in flight keeps a later request from being
        // appended ahead of its retry, which then spins on OUT_OF_ORDER_SEQUENCE_NUMBER (KAFKA-15591).
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** Reads {@code topics} with read_committed until {@code expected} records arrived or the timeout passed. */
    public List<ConsumerRecord<String, byte[]>> readCommitted(List<String> topics, int expected, Duration timeout) {
        Properties properties = connection().baseProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // One more poll catches duplicates that would arrive after the expected count.
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }

    /**
     * {@code brokers} brokers beside one controller of their own, replicated as production runs: internal
     * topics on 3 replicas, and writes acknowledged by at least 2 of them. A broker stopped here takes no
     * part of the metadata quorum with it.
     */
    public static TestKafkaCluster startReplicated(int brokers) throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumBrokerNodes(brokers).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .setConfigProp("default.replication.factor", "3")
                .setConfigProp("min.insync.replicas", "2")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new TestKafkaCluster(cluster);
    }

    /** The broker that leads {@code partition} of {@code topic}. */
    public int leaderOf(String topic, int partition) throws Exception {
        try (Admin admin = Admin.create(connection().baseProperties())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(partition)
                    .leader().id();
        }
    }

    /** Stops one broker as a lost machine would go: its partitions elect other leaders. */
    public void stopBroker(int id) {
        cluster.brokers().get(id).shutdown();
        cluster.brokers().get(id).awaitShutdown();
    }

    public void restartBroker(int id) {
        cluster.brokers().get(id).startup();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
