package io.denoiser.config;

import io.denoiser.modeltopic.ModelTrust;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the denoiser service needs, in one typed object built from CLI options and environment.
 *
 * @param applicationId        Kafka Streams application id (consumer group, transactional id prefix)
 * @param kafka                cluster address and pass-through client settings
 * @param topics               shared topic names: models and dead letters
 * @param pipelines            the record streams served, each with its topics and model
 * @param streamThreads        Kafka Streams threads, each with its own copy of the network
 * @param processingGuarantee  {@code exactly_once_v2} by default
 * @param commitIntervalMs     transaction length under exactly-once; bounds end-to-end latency
 * @param passTimeout          longest a stream thread waits for one forward pass (or a model copy's warm-up);
 *                             a pass that runs longer fails the stream thread and turns {@code /health/live} DOWN
 * @param stateDir             Kafka Streams state directory
 * @param maxTensorElements    largest input tensor accepted; bigger ones are dead-lettered unread
 * @param maxInputBytes        largest input value accepted, in bytes, checked before anything decodes it; bigger
 *                             ones are dead-lettered with their payload cut to this size, so that no record the
 *                             denoiser writes for an input (dead letter, buffer changelog entry) exceeds
 *                             {@link #maxRecordBytes()}
 * @param maxOutputBytes       largest value of a denoised record or latent vector, in bytes; an input whose
 *                             output would be larger is dead-lettered, so that no output exceeds
 *                             {@link #maxOutputRecordBytes()}
 * @param modelTrust           which model records from the models topic may run (signatures)
 * @param bufferChangelog      whether the batch buffer is changelogged; only {@code bench stream} turns it
 *                             off, to measure what that durability costs (a crash then loses buffered records)
 * @param changelogReplication replication of the buffer changelogs, as the topic files replicate theirs
 */
public record DenoiserConfig(String applicationId, KafkaConnection kafka, TopicNames topics, List<Pipeline> pipelines,
                             int streamThreads, String processingGuarantee, long commitIntervalMs,
                             Duration passTimeout, Path stateDir, long maxTensorElements, int maxInputBytes,
                             int maxOutputBytes, ModelTrust modelTrust, boolean bufferChangelog, Replication changelogReplication) {

    public static final String DEFAULT_APPLICATION_ID = "kafka-denoiser";
    public static final String DEFAULT_IMAGE_MODEL = "unet";
    /** The design of the shipped default image model. */
    public static final String DEFAULT_IMAGE_ARCHITECTURE = "unet-s2";
    public static final String DEFAULT_SEQUENCE_MODEL = "lstm";
    /** The pipelines served unless told otherwise, as {@code serve --pipelines} names them. */
    public static final String DEFAULT_PIPELINES = Pipeline.IMAGES + "," + Pipeline.SEQUENCES;
    public static final int DEFAULT_STREAM_THREADS = 1;
    public static final String DEFAULT_PROCESSING_GUARANTEE = StreamsConfig.EXACTLY_ONCE_V2;
    /**
     * Outputs are visible to read_committed consumers only when their transaction commits, so this bounds
     * light-load latency; 50 ms kept p99 under 100 ms without a throughput cost that could be told from noise.
     */
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 50;
    public static final long DEFAULT_MAX_TENSOR_ELEMENTS = 1 << 20;
    /** The input topics' {@code max.message.bytes}: what an uncompressed producer can send them. */
    public static final int DEFAULT_MAX_INPUT_BYTES = 1 << 20;
    /** The output topics' {@code max.message.bytes}, less room for key and headers. */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 1 << 20;
    /** Room above an input value for what a dead letter or changelog entry adds: key, headers, framing. */
    public static final int RECORD_OVERHEAD_BYTES = 64 << 10;
    /**
     * Largest input key accepted, in UTF-8 bytes: a quarter of {@link #RECORD_OVERHEAD_BYTES}, so that the
     * key of a record the denoiser writes always fits that room. Larger keys are dead-lettered cut to it.
     */
    public static final int MAX_KEY_BYTES = RECORD_OVERHEAD_BYTES / 4;
    /** Far above any pass of a bounded batch (seconds for the largest), far below forever. */
    public static final long DEFAULT_PASS_TIMEOUT_MS = 60_000;
    /** How long an idle stream thread waits for input before it punctuates again. */
    public static final long IDLE_POLL_MS = 10;
    private static final int PRODUCER_DEFAULT_MAX_REQUEST_SIZE =
            (int) ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);

    /**
     * Defaults for everything but the cluster address, its topics and the state directory: the built-in
     * pipelines on those topics. No model from the topic is trusted until keys are given.
     */
    public static Builder builder(KafkaConnection kafka, TopicNames topics, Path stateDir) {
        return new Builder(kafka, topics, stateDir);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public DenoiserConfig {
        requireByteLimit("input", maxInputBytes);
        requireByteLimit("output", maxOutputBytes);
        if (passTimeout.isNegative() || passTimeout.isZero()) {
            throw new IllegalArgumentException("the pass timeout must be positive, not " + passTimeout);
        }
    }

    private static void requireByteLimit(String what, int bytes) {
        if (bytes < 1 || bytes > Integer.MAX_VALUE - RECORD_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("the " + what + " byte limit must be between 1 and "
                    + (Integer.MAX_VALUE - RECORD_OVERHEAD_BYTES) + ", not " + bytes);
        }
    }

    /** The largest record the denoiser writes for an input: a dead letter or a buffer changelog entry. */
    public int maxRecordBytes() {
        return maxInputBytes + RECORD_OVERHEAD_BYTES;
    }

    /** The largest denoised record or latent vector the denoiser writes, key and headers included. */
    public int maxOutputRecordBytes() {
        return maxOutputBytes + RECORD_OVERHEAD_BYTES;
    }

    public Properties streamsProperties() {
        Properties properties = kafka.baseProperties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        // A stream thread with no new input blocks in poll this long before it punctuates, and punctuation
        // is what forwards the results of a batch computed in the background after the input stopped;
        // Kafka Streams' default of 100 ms would add up to that much to the latency at the end of a burst.
        properties.put(StreamsConfig.POLL_MS_CONFIG, IDLE_POLL_MS);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Model records can be large; let the global consumer and producers carry them.
        properties.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 20 << 20);
        // Each input yields a denoised record and a latent vector of a few KB: 16 KB producer batches would
        // mean a produce request every few records per partition.
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        // Dead letters and buffer changelog entries carry at most one input value of the input limit's size,
        // outputs one of the output limit's size: the producers send them and the changelog topics Kafka
        // Streams creates store the former. Never below Kafka's own producer default.
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Math.max(Math.max(maxRecordBytes(), maxOutputRecordBytes()), PRODUCER_DEFAULT_MAX_REQUEST_SIZE));
        properties.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), Integer.toString(maxRecordBytes()));
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) changelogReplication.factor());
        properties.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                Integer.toString(changelogReplication.minInsyncReplicas()));
        // Pass-through settings win over the defaults above, so operators can tune any of them.
        kafka.clientProperties().forEach(properties::put);
        return properties;
    }

    /** A {@link DenoiserConfig} from its defaults, with the settings a caller changes. */
    public static final class Builder {

        private String applicationId = DEFAULT_APPLICATION_ID;
        private final KafkaConnection kafka;
        private final TopicNames topics;
        private List<Pipeline> pipelines;
        private int streamThreads = DEFAULT_STREAM_THREADS;
        private String processingGuarantee = DEFAULT_PROCESSING_GUARANTEE;
        private long commitIntervalMs = DEFAULT_COMMIT_INTERVAL_MS;
        private Duration passTimeout = Duration.ofMillis(DEFAULT_PASS_TIMEOUT_MS);
        private final Path stateDir;
        private long maxTensorElements = DEFAULT_MAX_TENSOR_ELEMENTS;
        private int maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
        private int maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;
        private ModelTrust modelTrust = ModelTrust.none();
        private boolean bufferChangelog = true;
        private Replication changelogReplication = Replication.SINGLE_BROKER;

        private Builder(KafkaConnection kafka, TopicNames topics, Path stateDir) {
            this.kafka = kafka;
            this.topics = topics;
            this.stateDir = stateDir;
            pipelines = List.of(Pipeline.images(topics, DEFAULT_IMAGE_MODEL), Pipeline.sequences(topics, DEFAULT_SEQUENCE_MODEL));
        }

        private Builder(DenoiserConfig config) {
            this(config.kafka, config.topics, config.stateDir);
            applicationId = config.applicationId;
            pipelines = config.pipelines;
            streamThreads = config.streamThreads;
            processingGuarantee = config.processingGuarantee;
            commitIntervalMs = config.commitIntervalMs;
            passTimeout = config.passTimeout;
            maxTensorElements = config.maxTensorElements;
            maxInputBytes = config.maxInputBytes;
            maxOutputBytes = config.maxOutputBytes;
            modelTrust = config.modelTrust;
            bufferChangelog = config.bufferChangelog;
            changelogReplication = config.changelogReplication;
        }

        public Builder applicationId(String value) {
            applicationId = value;
            return this;
        }

        public Builder pipelines(List<Pipeline> value) {
            pipelines = List.copyOf(value);
            return this;
        }

        public Builder streamThreads(int value) {
            streamThreads = value;
            return this;
        }

        public Builder processingGuarantee(String value) {
            processingGuarantee = value;
            return this;
        }

        public Builder commitIntervalMs(long value) {
            commitIntervalMs = value;
            return this;
        }

        public Builder passTimeout(Duration value) {
            passTimeout = value;
            return this;
        }

        public Builder maxTensorElements(long value) {
            maxTensorElements = value;
            return this;
        }

        public Builder maxInputBytes(int value) {
            maxInputBytes = value;
            return this;
        }

        public Builder maxOutputBytes(int value) {
            maxOutputBytes = value;
            return this;
        }

        public Builder modelTrust(ModelTrust value) {
            modelTrust = value;
            return this;
        }

        /** False only to measure what the changelog costs: a crash then loses buffered records. */
        public Builder bufferChangelog(boolean value) {
            bufferChangelog = value;
            return this;
        }

        public Builder changelogReplication(Replication value) {
            changelogReplication = value;
            return this;
        }

        public DenoiserConfig build() {
            return new DenoiserConfig(applicationId, kafka, topics, pipelines, streamThreads, processingGuarantee,
                    commitIntervalMs, passTimeout, stateDir, maxTensorElements, maxInputBytes, maxOutputBytes,
                    modelTrust, bufferChangelog, changelogReplication);
        }
    }
}
