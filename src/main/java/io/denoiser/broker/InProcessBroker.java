package io.denoiser.broker;

/** A Kafka node in this JVM for demo and bench stream, whichever class loader its server classes come from. */
public interface InProcessBroker extends AutoCloseable {

    String bootstrapServers();

    /** Stops the node and deletes its data. */
    @Override
    void close();
}
