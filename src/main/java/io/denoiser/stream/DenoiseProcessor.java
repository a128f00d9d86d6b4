package io.denoiser.stream;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.modeltopic.ModelTrust;
import io.denoiser.quality.ImageQuality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
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
 * against what the model accepts (its one shape, or for a tiled image model any image it can tile), put
 * into this task's changelogged buffer and added to its stream thread's {@link ThreadBatch}; when that batch is full or its oldest record has waited long enough, one forward
 * pass of the thread's own network, on its inference thread, denoises the records of all its tasks. Each
 * task then forwards its own reconstructions and latent vectors, on the stream thread, and deletes them from
 * its buffer. Records that cannot be denoised go to the dead-letter sink, with the reason in headers and
 * their payload cut to the input byte limit; only values within that limit are buffered, so neither a dead
 * letter nor a changelog entry outgrows its topic and wedges the partition.
 *
 * <p>Why a store and not a list: Kafka Streams commits a record's offset once {@code process()} returns, so
 * a record held only in memory would be lost if the process died after that commit. The store's changelog
 * writes commit in the same exactly-once transaction as the offsets and the outputs, so after a crash the
 * buffered records come back with the store and are denoised then: none lost, none twice. The same holds
 * while a pass is computing: a commit then includes its records as still buffered.
 */
final class DenoiseProcessor implements Processor<String, byte[], String, byte[]>, ThreadBatch.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(DenoiseProcessor.class);
    /** Longest a finished result waits for its task's next punctuation when the task receives nothing. */
    private static final long MAX_TICK_MS = 10;

    /** A buffered record with its decoded input, kept in memory so the hot path decodes once. */
    private record InFlight(BufferedRecord record, RecordInput.Decoded input) {
    }

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
    private final Map<Long, InFlight> inFlight = new HashMap<>();
    /** Filled by the inference thread, drained in order by the stream thread. */
    private final ConcurrentSkipListMap<Long, ThreadBatch.Outcome> finished = new ConcurrentSkipListMap<>();
    private final Map<Long, InvalidRecordException> rejectedOnRestore = new TreeMap<>();
    /** Buffered records kept out of the batch while this instance lags the release the partition served. */
    private final List<Long> held = new ArrayList<>();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<Long, byte[]> buffer;
    private ServedRelease served;
    private ThreadBatch batch;
    private long nextSequence;

    DenoiseProcessor(ModelCatalog catalog, ModelTrust trust, TensorCodec codec, ThreadLocal<ThreadBatch> threadBatches,
                     String modelStoreName, Pipeline pipeline, DenoiserMetrics metrics, int maxInputBytes) {
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
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        KeyValueStore<String, byte[]> models = context.getStateStore(modelStoreName);
        ModelStoreRecovery.offerStored(models, catalog, trust);
        batch = threadBatches.get();
        batch.prepare(catalog, pipeline.batchSize());
        buffer = context.getStateStore(nodes.bufferStore());
        served = new ServedRelease(buffer);
        restoreBuffered();
        long tick = Math.max(1, Math.min(MAX_TICK_MS, pipeline.maxWaitMs() / 2));
        context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, now -> {
            releaseHeld();
            if (batch.isDue(now, pipeline.maxWaitMs())) {
                // A batch flushed by the maximum wait means input is slow: nothing to overlap the pass with,
                // so its results go out now rather than at the next punctuation.
                runBatch();
                batch.awaitPass();
            }
            forwardFinished();
        });
    }

    /**
     * Records buffered before a crash or a rebalance rejoin the batch, which runs whenever it fills, so that
     * a long restore stays within a batch's bounds; nothing may be forwarded from init (outcomes wait in
     * {@code finished} for the first punctuation or record).
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
                    add(entry.key, record, input.read(record.value(), null, catalog));
                    runBatchIfFull();
                } catch (InvalidRecordException e) {
                    inFlight.put(entry.key, new InFlight(record, null));
                    rejectedOnRestore.put(entry.key, e);
                }
            });
        }
        if (!inFlight.isEmpty()) {
            LOG.info("pipeline {}: {} buffered records restored, denoised within {} ms", nodes.pipeline(),
                    inFlight.size(), pipeline.maxWaitMs());
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        releaseHeld();
        metrics.recordIn(nodes.pipeline());
        RecordMetadata source = context.recordMetadata().orElseThrow();
        BufferedRecord arrived = new BufferedRecord(record.key(), record.value(), record.timestamp(), source.topic(),
                source.partition(), source.offset());
        RecordInput.Decoded tensor;
        try {
            tensor = input.read(record.value(), record.headers(), catalog);
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
        inFlight.put(sequence, new InFlight(record, tensor));
        if (!held.isEmpty() || served.isAheadOf(catalog)) {
            if (held.isEmpty()) {
                LOG.warn("pipeline {}: this task's partition served release {} of model {}, this instance has {}; "
                        + "its records wait in the buffer until the models topic brings it", nodes.pipeline(),
                        served.release(), catalog.modelName(), catalog.topicRelease());
            }
            held.add(sequence);
            return;
        }
        batch.add(new ThreadBatch.Pending(this, sequence, tensor.tensor().values(), tensor.modelShape()),
                context.currentSystemTimeMs());
    }

    /** Held records join the batch, in order, once this instance has the release their partition served. */
    private void releaseHeld() {
        if (held.isEmpty() || served.isAheadOf(catalog)) {
            return;
        }
        List<Long> waiting = List.copyOf(held);
        held.clear();
        for (long sequence : waiting) {
            InFlight record = inFlight.get(sequence);
            add(sequence, record.record(), record.input());
            runBatchIfFull();
        }
    }

    /** Full by count, or by the values its records hold: large images flush a batch long before the count does. */
    private void runBatchIfFull() {
        if (batch.isFull(pipeline.batchSize())) {
            runBatch();
        }
    }

    @Override
    public void completed(long sequence, ThreadBatch.Outcome outcome) {
        finished.put(sequence, outcome);
    }

    /** Forwards this task's finished records in arrival order and deletes them from its buffer. */
    private void forwardFinished() {
        rejectedOnRestore.forEach((sequence, e) -> {
            deadLetter(inFlight.remove(sequence).record(), e.reason().name(), e);
            buffer.delete(sequence);
        });
        rejectedOnRestore.clear();
        boolean forwarded = false;
        while (!finished.isEmpty()) {
            Map.Entry<Long, ThreadBatch.Outcome> entry = finished.pollFirstEntry();
            InFlight record = inFlight.remove(entry.getKey());
            ThreadBatch.Outcome outcome = entry.getValue();
            if (outcome.failure() != null) {
                deadLetter(record.record(), outcome.failure() instanceof InvalidRecordException e ? e.reason().name()
                        : "MODEL_FAILURE", outcome.failure());
            } else {
                forward(record, outcome);
                forwarded = true;
            }
            buffer.delete(entry.getKey());
        }
        if (forwarded) {
            served.servedFrom(catalog);
        }
    }

    private void forward(InFlight record, ThreadBatch.Outcome outcome) {
        RecordInput.Decoded in = record.input();
        OutputHeaders headers = new OutputHeaders(outcome.model().metadata(), nodes.pipeline(), outcome.inferenceNanos(),
                ImageQuality.mse(in.tensor().values(), outcome.output()));
        TensorFormat denoisedFormat = pipeline.outputFormat().denoised(in.format());
        TensorFormat latentFormat = pipeline.outputFormat().latent(in.format());
        BufferedRecord source = record.record();
        Tensor denoised = new Tensor(in.tensor().shape(), outcome.output());
        boolean inKind = in.uint8() && pipeline.outputFormat() == OutputFormat.AS_INPUT;
        context.forward(new Record<>(source.key(), inKind ? codec.encodeUint8(denoised) : codec.encode(denoised,
                denoisedFormat), source.timestamp(), headers.toHeaders(denoisedFormat)), nodes.denoisedSink());
        context.forward(new Record<>(source.key(), codec.encode(new Tensor(new int[] {outcome.latent().length},
                outcome.latent()), latentFormat), source.timestamp(), headers.toHeaders(latentFormat)), nodes.latentSink());
        metrics.endToEnd(nodes.pipeline(), System.currentTimeMillis() - source.timestamp());
    }

    private void runBatch() {
        batch.run(catalog, pipeline.batchSize(), metrics, nodes.pipeline());
    }

    @Override
    public void close() {
        batch.removeOwner(this);
        inFlight.clear();
        finished.clear();
        rejectedOnRestore.clear();
        held.clear();
    }

    private void deadLetter(BufferedRecord record, String reason, Exception cause) {
        RecordHeaders headers = new RecordHeaders();
        DeadLetters.describe(headers, reason, cause, record.topic(), record.partition(), record.offset(), nodes.pipeline());
        context.forward(new Record<>(record.key(), DeadLetters.payload(record.value(), maxInputBytes, headers),
                record.timestamp(), headers), nodes.deadLetterSink());
        metrics.deadLettered(nodes.pipeline(), reason);
    }
}
