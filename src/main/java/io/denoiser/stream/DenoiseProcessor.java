package io.denoiser.stream;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.Pipeline;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.Latent;
import io.denoiser.modeltopic.ModelTrust;
import io.denoiser.quality.ImageQuality;
import java.time.Duration;
import org.apache.kafka.common.header.Headers;
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
 * against what the model accepts (its one shape, or for a tiled image model any image it can tile), put
 * into this task's changelogged buffer and added to its stream thread's {@link ThreadBatch}; when that batch
 * is full or its oldest record has waited long enough, one forward pass of the thread's own network, on its
 * inference thread, denoises the records of all its tasks. Each
 * task then forwards its own reconstructions and latent vectors, on the stream thread, and deletes them from
 * its buffer; a latent vector is the model version's embedding of the denoised output (a small product,
 * computed there) when it has one and the pipeline does not ask for the bottleneck. Records that cannot be
 * denoised go to the dead-letter sink, with the reason in headers and their payload cut to the input byte
 * limit; only values within that limit are buffered, so neither a dead letter nor a changelog entry outgrows
 * its topic and wedges the partition.
 *
 * <p>Why a store and not a list: Kafka Streams commits a record's offset once {@code process()} returns, so
 * a record held only in memory would be lost if the process died after that commit. The store's changelog
 * writes commit in the same exactly-once transaction as the offsets and the outputs, so after a crash the
 * buffered records come back with the store and are denoised then: none lost, none twice. The same holds
 * while a pass is computing: a commit then includes its records as still buffered. The same holds across a
 * close and a new init of this instance (Kafka Streams reuses it after a revive or a resume): each init starts a
 * new {@link TaskIncarnation}, and a pass still running for the one before reports to that closed one.
 */
final class DenoiseProcessor implements Processor<String, byte[], String, byte[]>, TaskIncarnation.Outcomes {

    private static final Logger LOG = LoggerFactory.getLogger(DenoiseProcessor.class);
    /** Longest a finished result waits for its task's next punctuation when the task receives nothing. */
    private static final long MAX_TICK_MS = 10;

    private final ModelCatalog catalog;
    private final ModelTrust trust;
    private final TensorCodec codec;
    private final RecordInput input;
    private final ThreadLocal<ThreadBatch> threadBatches;
    private final String modelStoreName;
    private final PipelineNodes nodes;
    private final Pipeline pipeline;
    private final DenoiserMetrics metrics;
    private final int maxInputBytes;
    private final OutputValues outputs;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<Long, byte[]> buffer;
    private ThreadBatch batch;
    /** A new one at each init: a pass started before a close reports to the one closed. */
    private TaskIncarnation incarnation;
    private ReleaseHold hold;
    private long nextSequence;

    DenoiseProcessor(ModelCatalog catalog, ModelTrust trust, TensorCodec codec, ThreadLocal<ThreadBatch> threadBatches,
                     String modelStoreName, Pipeline pipeline, DenoiserMetrics metrics, int maxInputBytes,
                     int maxOutputBytes) {
        this.catalog = catalog;
        this.trust = trust;
        this.codec = codec;
        this.input = new RecordInput(codec, pipeline, maxInputBytes);
        this.threadBatches = threadBatches;
        this.modelStoreName = modelStoreName;
        this.nodes = new PipelineNodes(pipeline.name());
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.maxInputBytes = maxInputBytes;
        this.outputs = new OutputValues(codec, pipeline, maxOutputBytes);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        KeyValueStore<String, byte[]> models = context.getStateStore(modelStoreName);
        ModelStoreRecovery.offerStored(models, catalog, trust);
        batch = threadBatches.get();
        batch.prepare(catalog, pipeline.batchSize());
        buffer = context.getStateStore(nodes.bufferStore());
        incarnation = new TaskIncarnation();
        hold = new ReleaseHold(new ServedRelease(buffer), catalog, nodes.pipeline());
        restoreBuffered();
        long tick = Math.max(1, Math.min(MAX_TICK_MS, pipeline.maxWaitMs() / 2));
        context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, now -> {
            releaseHeld();
            if (batch.isDue(now, pipeline.maxWaitMs())) {
                runBatch();
                // Input that has stopped leaves nothing to overlap the pass with, so its results go out now
                // rather than at the next punctuation. Input still arriving (a batch due by the wait while
                // records stream in, as a short wait allows under load) keeps the stream thread busy meanwhile.
                if (batch.isIdle(now, tick)) {
                    batch.awaitPass();
                }
            }
            forwardFinished();
        });
    }

    /**
     * Records buffered before a crash or a rebalance rejoin the batch, which runs whenever it fills, so that
     * a long restore stays within a batch's bounds; nothing may be forwarded from init (outcomes wait in
     * the incarnation for the first punctuation or record).
     */
    private void restoreBuffered() {
        try (KeyValueIterator<Long, byte[]> restored = buffer.all()) {
            restored.forEachRemaining(entry -> {
                if (entry.key == ServedRelease.KEY) {
                    return;
                }
                nextSequence = Math.max(nextSequence, entry.key + 1);
                BufferedRecord record = BufferedRecord.fromBytes(entry.value);
                try {
                    add(entry.key, record, input.read(record, catalog));
                    runBatchIfFull();
                } catch (InvalidRecordException e) {
                    incarnation.rejectOnRestore(entry.key, record, e);
                }
            });
        }
        if (incarnation.size() > 0) {
            LOG.info("pipeline {}: {} buffered records restored, denoised within {} ms", nodes.pipeline(),
                    incarnation.size(), pipeline.maxWaitMs());
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        releaseHeld();
        metrics.recordIn(nodes.pipeline());
        RecordMetadata source = context.recordMetadata().orElseThrow();
        BufferedRecord arrived = BufferedRecord.arrived(record, source);
        RecordInput.Decoded tensor;
        try {
            tensor = input.read(arrived, catalog);
        } catch (InvalidRecordException e) {
            deadLetter(arrived, e.reason().name(), e);
            return;
        }
        long sequence = nextSequence++;
        buffer.put(sequence, arrived.toBytes());
        add(sequence, arrived, tensor);
        runBatchIfFull();
        forwardFinished();
    }

    private void add(long sequence, BufferedRecord record, RecordInput.Decoded tensor) {
        incarnation.add(sequence, record, tensor);
        if (hold.holds(sequence)) {
            return;
        }
        batch.add(new ThreadBatch.Pending(incarnation, sequence, tensor.tensor().values(), tensor.modelShape()),
                context.currentSystemTimeMs());
    }

    /** Held records join the batch, in order, once this instance has the release their partition served. */
    private void releaseHeld() {
        hold.release(sequence -> {
            TaskIncarnation.InFlight record = incarnation.get(sequence);
            add(sequence, record.record(), record.input());
            runBatchIfFull();
        });
    }

    /** Full by count, or by the values its records hold: large images flush a batch long before the count does. */
    private void runBatchIfFull() {
        if (batch.isFull(pipeline.batchSize())) {
            runBatch();
        }
    }

    /** Forwards this task's finished records in arrival order and deletes them from its buffer. */
    private void forwardFinished() {
        if (incarnation.drain(this) > 0) {
            hold.served();
        }
    }

    @Override
    public void rejected(long sequence, BufferedRecord record, String reason, Exception cause) {
        deadLetter(record, reason, cause);
        buffer.delete(sequence);
    }

    @Override
    public void denoised(long sequence, TaskIncarnation.InFlight record, ThreadBatch.Outcome outcome) {
        RecordInput.Decoded in = record.input();
        BufferedRecord source = record.record();
        Latent latent = outcome.latent();
        OutputValues.Encoded values;
        try {
            values = outputs.encode(in, outcome.output(), latent.vector());
        } catch (InvalidRecordException e) {
            rejected(sequence, source, e.reason().name(), e);
            return;
        }
        OutputHeaders headers = new OutputHeaders(outcome.model().metadata(), nodes.pipeline(), outcome.inferenceNanos(),
                ImageQuality.mse(in.tensor().values(), outcome.output()));
        context.forward(new Record<>(source.key(), values.denoised(), source.timestamp(),
                headers.addTo(PassedHeaders.forOutput(source.headers()), values.denoisedFormat())), nodes.denoisedSink());
        context.forward(new Record<>(source.key(), values.latent(), source.timestamp(),
                headers.addLatentTo(PassedHeaders.forOutput(source.headers()), values.latentFormat(), latent)),
                nodes.latentSink());
        metrics.recordOut(nodes.pipeline());
        metrics.endToEnd(nodes.pipeline(), System.currentTimeMillis() - source.timestamp());
        buffer.delete(sequence);
    }

    private void runBatch() {
        batch.run(catalog, pipeline.batchSize(), metrics, nodes.pipeline());
    }

    @Override
    public void close() {
        if (incarnation != null) {
            batch.removeOwner(incarnation);
            incarnation.close();
        }
    }

    private void deadLetter(BufferedRecord record, String reason, Exception cause) {
        Headers headers = PassedHeaders.forDeadLetter(record.headers());
        DeadLetters.describe(headers, reason, cause, record.topic(), record.partition(), record.offset(), nodes.pipeline());
        context.forward(new Record<>(DeadLetters.key(record.key(), headers),
                DeadLetters.payload(record.value(), maxInputBytes, headers), record.timestamp(), headers),
                nodes.deadLetterSink());
        metrics.deadLettered(nodes.pipeline(), reason);
    }
}
