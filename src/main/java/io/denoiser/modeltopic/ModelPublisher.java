package io.denoiser.modeltopic;

import io.denoiser.model.ModelRecord;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes model records, signed when a key is given, to the models topic under their own key
 * ({@link ModelKeys}), waits for the ack, then deletes the keys of the model's releases older than the
 * {@link #KEPT_RELEASES} newest trusted ones, so the topic stays small without compaction ever choosing
 * which version survives.
 */
public final class ModelPublisher implements AutoCloseable {

    /** Releases of a model kept on the topic: the one in use and a few to roll back to. */
    public static final int KEPT_RELEASES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ModelPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final Properties kafka;
    private final String topic;
    private final Optional<KeyPair> signingKey;
    /** Records this publisher could have written: they count towards the releases kept. */
    private final ModelTrust own;

    /**
     * @param kafka the client properties every client gets (bootstrap servers and the pass-through settings,
     *              as {@code KafkaConnection.baseProperties()} builds them); they win over the producer settings
     */
    public ModelPublisher(Properties kafka, String topic, Optional<KeyPair> signingKey) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ModelRecordCodec.MAX_RECORD_BYTES + 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.putAll(kafka);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.kafka = kafka;
        this.topic = topic;
        this.signingKey = signingKey;
        this.own = ModelTrust.of(signingKey.map(k -> List.of(k.getPublic())).orElse(List.of()), signingKey.isEmpty());
        if (signingKey.isEmpty()) {
            LOG.warn("no signing key: model records go out unsigned, and denoisers checking signatures refuse them");
        }
    }

    /**
     * Publishes {@code record} under its own key, then deletes the retired keys.
     *
     * @throws IllegalStateException if a record already stands under its key: another publisher took that
     *                               release number, and two records under one key would leave compaction to choose
     */
    public void publish(ModelRecord record) {
        String key = ModelKeys.of(record);
        ModelHistory history = ModelTopicReader.history(kafka, topic, own);
        if (history.hasKey(key)) {
            throw new IllegalStateException("release " + record.metadata().releaseOrder() + " of " + record.name()
                    + " is already on " + topic + " (another publisher?); publish again to get the next release");
        }
        byte[] value = ModelRecordCodec.encode(record);
        if (signingKey.isPresent()) {
            value = ModelSignature.sign(value, signingKey.get());
        }
        send(key, value, record);
        for (String retired : history.retiredBy(record, KEPT_RELEASES)) {
            send(retired, null, record);
            LOG.info("models topic key {} deleted: older than the {} releases of {} kept", retired, KEPT_RELEASES,
                    record.name());
        }
    }

    private void send(String key, byte[] value, ModelRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + record.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish " + record.name() + " v" + record.version(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
