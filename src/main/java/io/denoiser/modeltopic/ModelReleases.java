package io.denoiser.modeltopic;

import io.denoiser.model.ModelRecord;
import java.security.KeyPair;
import java.util.Optional;
import java.util.Properties;

/**
 * Operator actions on the models topic: publish a model file as the next version, or roll back to an
 * earlier version by republishing it under a new release, signed, so that every denoiser moves to it.
 */
public final class ModelReleases implements AutoCloseable {

    private final Properties kafka;
    private final String topic;
    private final ModelTrust trust;
    private final ModelPublisher publisher;

    /**
     * @param kafka the client properties every client gets, as {@code KafkaConnection.baseProperties()} builds them
     * @param trust the denoisers' trust: only versions it accepts can be rolled back to
     */
    public ModelReleases(Properties kafka, String topic, ModelTrust trust, KeyPair signingKey) {
        this.kafka = kafka;
        this.topic = topic;
        this.trust = trust;
        this.publisher = new ModelPublisher(kafka, topic, Optional.of(signingKey));
    }

    public ModelHistory history() {
        return ModelTopicReader.history(kafka, topic, trust);
    }

    /** Publishes {@code record}, renumbered to the next version unless its own number is higher still. */
    public ModelRecord publish(ModelRecord record) {
        long next = history().nextReleaseAfterInUse(record.name());
        ModelRecord published = record.version() >= next ? record
                : new ModelRecord(record.metadata().withVersion(next), record.parameters(), record.embedding());
        publisher.publish(published);
        return published;
    }

    /**
     * Republishes {@code version} of {@code name} (from the topic, or the model shipped in the jar) as the
     * newest release; returns it, or empty if that version is already the one in use.
     */
    public Optional<ModelRecord> rollback(String name, long version) {
        ModelHistory history = history();
        if (history.inUse(name).filter(r -> r.version() == version).isPresent()) {
            return Optional.empty();
        }
        ModelRecord target = history.find(name, version)
                .or(() -> ShippedModels.find(name).filter(s -> s.version() == version))
                .orElseThrow(() -> new IllegalArgumentException("no trusted " + name + " v" + version
                        + " on " + topic + " or in the jar (compacted away? publish its file with `models publish`)"));
        ModelRecord republished = new ModelRecord(target.metadata().withRelease(history.nextReleaseAfterInUse(name)),
                target.parameters(), target.embedding());
        publisher.publish(republished);
        return Optional.of(republished);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
