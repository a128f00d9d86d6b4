package io.denoiser.stream;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelShape;
import io.denoiser.model.Reconstruction;
import io.denoiser.quality.ImageQuality;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Denoises one noisy record (an image or a sequence window): decode, check the shape against the model, run the calling thread's own
 * network, forward the reconstruction and the latent vector. Records that cannot be denoised go to the
 * dead-letter sink with the reason in headers; the stream carries on.
 */
final class DenoiseProcessor implements Processor<String, byte[], String, byte[]> {

    private final ModelCatalog catalog;
    private final TensorCodec codec;
    private final String modelStoreName;
    private final PipelineNodes nodes;
    private final DenoiserMetrics metrics;
    private ProcessorContext<String, byte[]> context;

    DenoiseProcessor(ModelCatalog catalog, TensorCodec codec, String modelStoreName, PipelineNodes nodes,
                     DenoiserMetrics metrics) {
        this.catalog = catalog;
        this.codec = codec;
        this.modelStoreName = modelStoreName;
        this.nodes = nodes;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        KeyValueStore<String, byte[]> models = context.getStateStore(modelStoreName);
        ModelStoreRecovery.offerStored(models, catalog);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        metrics.recordIn(nodes.pipeline());
        DenoisingModel model = catalog.forCurrentThread();
        Tensor input;
        try {
            input = codec.decodeDetecting(record.value());
            requireShape(input, model.shape().input());
        } catch (InvalidRecordException e) {
            deadLetter(record, e.reason().name(), e);
            return;
        }
        Reconstruction result;
        long started = System.nanoTime();
        try {
            result = model.reconstruct(new float[][] {input.values()});
        } catch (RuntimeException e) {
            deadLetter(record, "MODEL_FAILURE", e);
            return;
        }
        long inferenceNanos = System.nanoTime() - started;
        metrics.batchDenoised(nodes.pipeline(), 1, inferenceNanos);
        float[] output = result.outputs()[0];
        OutputHeaders headers = new OutputHeaders(model.metadata(), nodes.pipeline(), inferenceNanos,
                ImageQuality.mse(input.values(), output));
        context.forward(record.withValue(codec.encodeFloat32(new Tensor(input.shape(), output)))
                .withHeaders(headers.toHeaders()), nodes.denoisedSink());
        context.forward(record.withValue(codec.encodeFloat32(new Tensor(new int[] {result.latents()[0].length},
                result.latents()[0]))).withHeaders(headers.toHeaders()), nodes.latentSink());
        metrics.endToEnd(nodes.pipeline(), System.currentTimeMillis() - record.timestamp());
    }

    private void deadLetter(Record<String, byte[]> record, String reason, Exception cause) {
        Record<String, byte[]> letter = record.withHeaders(record.headers());
        DeadLetters.describe(letter.headers(), reason, cause, context.recordMetadata().orElse(null), nodes.pipeline());
        metrics.deadLettered(nodes.pipeline(), reason);
        context.forward(letter, nodes.deadLetterSink());
    }

    /** Accepts the model's shape with or without leading size-1 dimensions, e.g. [28,28] for [1,28,28]. */
    static void requireShape(Tensor tensor, int[] expected) {
        if (!Arrays.equals(ModelShape.squeeze(tensor.shape()), ModelShape.squeeze(expected))) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_SHAPE, "shape "
                    + Arrays.toString(tensor.shape()) + " does not match the model's " + Arrays.toString(expected));
        }
    }
}
