package io.denoiser.modeltopic;

import io.denoiser.model.ModelRecord;
import java.security.KeyPair;
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

/** Writes model records, signed when a key is given, to the models topic, keyed by model name, and waits for the ack. */
public final class ModelPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Optional<KeyPair> signingKey;

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
        this.topic = topic;
        this.signingKey = signingKey;
        if (signingKey.isEmpty()) {
            LOG.warn("no signing key: model records go out unsigned, and denoisers checking signatures refuse them");
        }
    }

    public void publish(ModelRecord record) {
        try {
            byte[] value = ModelRecordCodec.encode(record);
            if (signingKey.isPresent()) {
                value = ModelSignature.sign(value, signingKey.get());
            }
            producer.send(new ProducerRecord<>(topic, record.name(), value)).get();
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
