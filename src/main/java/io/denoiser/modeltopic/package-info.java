/**
 * Models as they travel: the record wire format and its signed envelope, signing keys and the trust that
 * decides which records may run, model files, the models shipped in the jar, and the Kafka clients that
 * publish to and read the models topic.
 *
 * <p>It depends on {@code model} (the model's own types) and never the other way round. It does not depend
 * on {@code config} either, which depends on it for {@link io.denoiser.modeltopic.ModelTrust}: so its Kafka
 * clients take the client {@link java.util.Properties} their callers build with
 * {@code KafkaConnection.baseProperties()}, not the connection itself.
 */
package io.denoiser.modeltopic;
