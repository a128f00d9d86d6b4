package io.denoiser.stream;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.Reconstruction;
import io.denoiser.quality.ImageQuality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Denoises noisy records (images or sequence windows) in micro-batches: each valid record is checked
 * against the model's shape and put into a changelogged store; when the batch is full or its oldest record
 * has waited long enough, one forward pass of the calling thread's own network denoises them all and the
 * reconstructions and latent vectors are forwarded. Records that cannot be denoised go to the dead-letter
 * sink at once, with the reason in headers.
 *
 * <p>Why a store and not a list: Kafka Streams commits a record's offset once {@code process()} returns, so
 * a record held only in memory would be lost if the process died after that commit. The store's changelog
 * writes commit in the same exactly-once transaction as the offsets, so after a crash the buffered records
 * come back with the store and are denoised then: none lost, none twice.
 */
final class DenoiseProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(DenoiseProcessor.class);

    private final ModelCatalog catalog;
    private final TensorCodec codec;
    private final RecordInput input;
    /** Decoded inputs of the buffered records, so the hot path decodes each record once; the store is the truth. */
    private final Map<Long, RecordInput.Decoded> decoded = new HashMap<>();
    private final String modelStoreName;
    private final PipelineNodes nodes;
    private final Pipeline pipeline;
    private final DenoiserMetrics metrics;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<Long, byte[]> buffer;
    /** The buffer holds sequences {@code firstSequence} to {@code nextSequence - 1}, in arrival order. */
    private long firstSequence;
    private long nextSequence;
    private long oldestBufferedAt;

    DenoiseProcessor(ModelCatalog catalog, TensorCodec codec, String modelStoreName, Pipeline pipeline,
                     DenoiserMetrics metrics) {
        this.catalog = catalog;
        this.codec = codec;
        this.input = new RecordInput(codec, pipeline);
        this.modelStoreName = modelStoreName;
        this.nodes = new PipelineNodes(pipeline.name());
        this.pipeline = pipeline;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        KeyValueStore<String, byte[]> models = context.getStateStore(modelStoreName);
        ModelStoreRecovery.offerStored(models, catalog);
        catalog.forCurrentThread(pipeline.batchSize());
        buffer = context.getStateStore(nodes.bufferStore());
        firstSequence = Long.MAX_VALUE;
        try (KeyValueIterator<Long, byte[]> restored = buffer.all()) {
            restored.forEachRemaining(entry -> {
                firstSequence = Math.min(firstSequence, entry.key);
                nextSequence = Math.max(nextSequence, entry.key + 1);
            });
        }
        firstSequence = Math.min(firstSequence, nextSequence);
        if (buffered() > 0) {
            LOG.info("pipeline {}: {} buffered records restored, denoised within {} ms", nodes.pipeline(), buffered(),
                    pipeline.maxWaitMs());
        }
        oldestBufferedAt = context.currentSystemTimeMs();
        long tick = Math.max(1, pipeline.maxWaitMs() / 2);
        context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, now -> {
            if (buffered() > 0 && now - oldestBufferedAt >= pipeline.maxWaitMs()) {
                flush();
            }
        });
    }

    @Override
    public void process(Record<String, byte[]> record) {
        metrics.recordIn(nodes.pipeline());
        RecordMetadata source = context.recordMetadata().orElseThrow();
        BufferedRecord arrived = new BufferedRecord(record.key(), record.value(), record.timestamp(), source.topic(),
                source.partition(), source.offset());
        RecordInput.Decoded tensor;
        try {
            tensor = input.read(record.value(), record.headers(), catalog.forCurrentThread(pipeline.batchSize()).shape().input());
        } catch (InvalidRecordException e) {
            deadLetter(arrived, e.reason().name(), e);
            return;
        }
        if (buffered() == 0) {
            oldestBufferedAt = context.currentSystemTimeMs();
        }
        decoded.put(nextSequence, tensor);
        buffer.put(nextSequence++, arrived.toBytes());
        if (buffered() >= pipeline.batchSize()) {
            flush();
        }
    }

    /** Denoises everything buffered, in arrival order, with the current model, and empties the buffer. */
    private void flush() {
        DenoisingModel model = catalog.forCurrentThread(pipeline.batchSize());
        List<BufferedRecord> records = new ArrayList<>();
        List<RecordInput.Decoded> inputs = new ArrayList<>();
        // Point lookups, not a scan: a cached store's scan copies its dirty keys, tombstones included.
        for (long sequence = firstSequence; sequence < nextSequence; sequence++) {
            byte[] stored = buffer.get(sequence);
            if (stored == null) {
                continue;
            }
            BufferedRecord record = BufferedRecord.fromBytes(stored);
            RecordInput.Decoded tensor = decodedOrRestored(sequence, record, model);
            if (tensor != null) {
                records.add(record);
                inputs.add(tensor);
            }
        }
        denoise(model, records, inputs);
        for (long sequence = firstSequence; sequence < nextSequence; sequence++) {
            buffer.delete(sequence);
        }
        decoded.clear();
        firstSequence = nextSequence;
    }

    private long buffered() {
        return nextSequence - firstSequence;
    }

    /** Records restored from the changelog after a restart are decoded here, and checked against today's model. */
    private RecordInput.Decoded decodedOrRestored(long sequence, BufferedRecord record, DenoisingModel model) {
        RecordInput.Decoded tensor = decoded.get(sequence);
        if (tensor != null) {
            return tensor;
        }
        try {
            return input.read(record.value(), null, model.shape().input());
        } catch (InvalidRecordException e) {
            deadLetter(record, e.reason().name(), e);
            return null;
        }
    }

    private void denoise(DenoisingModel model, List<BufferedRecord> records, List<RecordInput.Decoded> inputs) {
        if (records.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            Reconstruction result = model.reconstruct(inputs.stream().map(d -> d.tensor().values()).toArray(float[][]::new));
            long inferenceNanos = System.nanoTime() - started;
            metrics.batchDenoised(nodes.pipeline(), records.size(), inferenceNanos);
            for (int i = 0; i < records.size(); i++) {
                forward(records.get(i), inputs.get(i), result.outputs()[i], result.latents()[i], model, inferenceNanos);
            }
        } catch (RuntimeException e) {
            records.forEach(record -> deadLetter(record, "MODEL_FAILURE", e));
        }
    }

    private void forward(BufferedRecord record, RecordInput.Decoded input, float[] output, float[] latent,
                         DenoisingModel model, long inferenceNanos) {
        OutputHeaders headers = new OutputHeaders(model.metadata(), nodes.pipeline(), inferenceNanos,
                ImageQuality.mse(input.tensor().values(), output));
        TensorFormat denoisedFormat = pipeline.outputFormat().denoised(input.format());
        TensorFormat latentFormat = pipeline.outputFormat().latent(input.format());
        context.forward(new Record<>(record.key(), codec.encode(new Tensor(input.tensor().shape(), output), denoisedFormat),
                record.timestamp(), headers.toHeaders(denoisedFormat)), nodes.denoisedSink());
        context.forward(new Record<>(record.key(), codec.encode(new Tensor(new int[] {latent.length}, latent), latentFormat),
                record.timestamp(), headers.toHeaders(latentFormat)), nodes.latentSink());
        metrics.endToEnd(nodes.pipeline(), System.currentTimeMillis() - record.timestamp());
    }

    private void deadLetter(BufferedRecord record, String reason, Exception cause) {
        RecordHeaders headers = new RecordHeaders();
        DeadLetters.describe(headers, reason, cause, record.topic(), record.partition(), record.offset(), nodes.pipeline());
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), nodes.deadLetterSink());
        metrics.deadLettered(nodes.pipeline(), reason);
    }
}
