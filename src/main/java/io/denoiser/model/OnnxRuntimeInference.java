package io.denoiser.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.denoiser.onnx.OnnxContract;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a model's exported graph ({@link OnnxContract}) in one ONNX Runtime session on the CPU provider. Each
 * pass's input tensors and results are closed before it returns, so native memory stays at the session's
 * arena; {@link #close()} frees the session. For a tiled design the latent returned is each tile's feature map
 * ({@value OnnxContract#LATENT_MAP}), which {@link TiledImageInference} averages, else the latent vector.
 */
final class OnnxRuntimeInference implements InferenceEngine {

    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private final OrtSession session;
    private final int[] recordShape;
    private final Consumer<int[]> checkRecord;
    private final boolean readsNoiseLevel;
    private final Set<String> outputs;
    private final String latentName;
    /** Reused for every pass's input: the tensor reads it in place, and a session runs one pass at a time. */
    private FloatBuffer inputBuffer = FloatBuffer.allocate(0);

    /**
     * @param model      the serialized graph, exported from the verified record's parameters
     * @param recordShape one record's shape without the batch dimension; its first dimension may vary (time)
     * @param checkRecord throws {@link InvalidModelException} for a record shape of another first dimension that
     *                    the design does not take
     * @param latentMap  whether to return the tiled design's feature map rather than the latent vector
     * @param threads    ONNX Runtime's intra-op threads, the copy's native thread budget
     */
    OnnxRuntimeInference(byte[] model, int[] recordShape, Consumer<int[]> checkRecord, boolean latentMap, int threads) {
        try (SessionOptions options = servingOptions(threads)) {
            this.session = ENVIRONMENT.createSession(model, options);
        } catch (OrtException e) {
            throw new InvalidModelException("ONNX Runtime cannot load the exported graph: " + e.getMessage(), e);
        }
        this.recordShape = recordShape.clone();
        this.checkRecord = checkRecord;
        this.readsNoiseLevel = session.getInputNames().contains(OnnxContract.NOISE_LEVEL);
        this.latentName = latentMap ? OnnxContract.LATENT_MAP : OnnxContract.LATENT;
        this.outputs = Set.of(OnnxContract.DENOISED, latentName);
    }

    /**
     * One thread budget per copy as DL4J's OpenMP has, no inter-op pool, and no spinning: idle ONNX Runtime
     * threads spin by default, taking cores the stream, broker client and other copies need.
     */
    private static SessionOptions servingOptions(int threads) throws OrtException {
        SessionOptions options = new SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OptLevel.ALL_OPT);
        options.setCPUArenaAllocator(true);
        options.setMemoryPatternOptimization(true);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }

    /** Each image's noise level, if the graph reads one, is estimated over the image itself. */
    @Override
    public Reconstruction reconstruct(float[][] inputs) {
        float[] levels = new float[inputs.length];
        if (readsNoiseLevel) {
            int height = recordShape[recordShape.length - 2];
            int width = recordShape[recordShape.length - 1];
            for (int i = 0; i < inputs.length; i++) {
                levels[i] = NoiseLevels.estimate(inputs[i], 0, height, width);
            }
        }
        return reconstruct(inputs, levels);
    }

    @Override
    public Reconstruction reconstruct(float[][] inputs, float[] noiseLevels) {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            feeds.put(OnnxContract.INPUT, OnnxTensor.createTensor(ENVIRONMENT, batch(inputs), batchShape(inputs)));
            if (readsNoiseLevel) {
                feeds.put(OnnxContract.NOISE_LEVEL, OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(noiseLevels),
                        new long[] {inputs.length}));
            }
            try (OrtSession.Result result = session.run(feeds, outputs)) {
                return new Reconstruction(rows(result, OnnxContract.DENOISED, inputs.length),
                        rows(result, latentName, inputs.length));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + inputs.length + ": " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    /** The inputs one after another in a direct buffer, which the input tensor reads without a copy. */
    private FloatBuffer batch(float[][] inputs) {
        int size = inputs.length == 0 ? 0 : inputs[0].length;
        int values = Math.multiplyExact(inputs.length, size);
        if (inputBuffer.capacity() < values) {
            inputBuffer = ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        inputBuffer.clear();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != size) {
                throw new IllegalArgumentException("records of one batch must have one length: input " + i + " has "
                        + inputs[i].length + " values beside " + size);
            }
            inputBuffer.put(inputs[i]);
        }
        return inputBuffer.flip();
    }

    /**
     * [N, ...record shape], the first record dimension read from the inputs' length (a window of any length),
     * refused unless the design takes records of that shape: the graph itself would fail somewhere inside.
     */
    private long[] batchShape(float[][] inputs) {
        int[] record = recordShape.clone();
        int rest = Arrays.stream(recordShape, 1, recordShape.length).reduce(1, Math::multiplyExact);
        if (inputs[0].length % rest != 0) {
            throw new IllegalArgumentException("a record of " + inputs[0].length + " values is not whole steps of "
                    + rest + " features");
        }
        record[0] = inputs[0].length / rest;
        if (record[0] != recordShape[0]) {
            checkRecord.accept(record);
        }
        long[] shape = new long[record.length + 1];
        shape[0] = inputs.length;
        for (int d = 0; d < record.length; d++) {
            shape[d + 1] = record[d];
        }
        return shape;
    }

    private static float[][] rows(OrtSession.Result result, String name, int count) throws OrtException {
        FloatBuffer values = ((OnnxTensor) result.get(name).orElseThrow(
                () -> new IllegalStateException("the exported graph has no output " + name))).getFloatBuffer();
        int width = values.remaining() / Math.max(1, count);
        float[][] rows = new float[count][width];
        for (float[] row : rows) {
            values.get(row);
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not close its session: " + e.getMessage(), e);
        }
    }
}
