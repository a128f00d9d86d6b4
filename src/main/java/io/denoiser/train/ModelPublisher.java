package io.denoiser.train;

import io.denoiser.config.KafkaConnection;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecordCodec;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes model records to the models topic, keyed by model name, and waits for the broker's ack. */
public final class ModelPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public ModelPublisher(KafkaConnection kafka, String topic) {
        Properties properties = kafka.baseProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ModelRecordCodec.MAX_RECORD_BYTES + 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.putAll(kafka.clientProperties());
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    public void publish(ModelRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, record.name(), ModelRecordCodec.encode(record))).get();
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
