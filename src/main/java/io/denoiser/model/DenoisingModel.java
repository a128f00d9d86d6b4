package io.denoiser.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model loaded for inference on one engine. Not thread-safe (DL4J networks are not, and one ONNX Runtime
 * session per copy keeps its native threads to the copy's), so every stream thread loads its own.
 */
public final class DenoisingModel implements AutoCloseable {

    /** Copies built and not yet closed in this JVM: a copy never closed holds its native memory until a GC. */
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final ModelMetadata metadata;
    private final Architecture architecture;
    private final ModelShape shape;
    private final InferenceEngine engine;
    private final Optional<ImageTiling> tiling;
    private final TiledImageInference tiled;
    private final LatentEmbedding embedding;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DenoisingModel(ModelMetadata metadata, Architecture architecture, ModelShape shape, InferenceEngine engine,
                           Optional<ImageTiling> tiling, LatentEmbedding embedding) {
        this.metadata = metadata;
        this.embedding = embedding;
        this.architecture = architecture;
        this.shape = shape;
        this.engine = engine;
        this.tiling = tiling;
        this.tiled = tiling.map(t -> new TiledImageInference(t, engine)).orElse(null);
        OPEN.incrementAndGet();
    }

    /** How many copies have been built in this JVM and not closed yet. */
    public static int openCopies() {
        return OPEN.get();
    }

    /** The (already verified) record's model on the default engine. */
    public static DenoisingModel load(ModelRecord record) {
        return load(record, InferenceEngineKind.defaultKind());
    }

    /**
     * Builds the network named by the (already verified) record with its parameters, for {@code kind}: DL4J's
     * networks, or ONNX Runtime on a graph exported here from the same parameters, so nothing but code in this
     * jar and the record's checked numbers is ever run. Either engine uses as many native threads as the
     * calling thread's OpenMP limit ({@link NativeRuntime#limitNativeThreads}).
     */
    public static DenoisingModel load(ModelRecord record, InferenceEngineKind kind) {
        Architecture architecture = Architecture.fromId(record.metadata().architecture());
        ModelShape shape = record.metadata().shape();
        architecture.checkShape(shape);
        InferenceEngine engine = switch (kind) {
            case DL4J -> architecture.inference(record.parameters(), shape);
            case ONNXRUNTIME -> new OnnxRuntimeInference(architecture.onnxModel(record.parameters(), shape), shape.input(),
                    input -> architecture.checkInput(shape, input), architecture.tiling().isPresent(),
                    NativeRuntime.nativeThreadsOfThisThread());
        };
        return new DenoisingModel(record.metadata(), architecture, shape, engine, architecture.tiling(), record.embedding());
    }

    /**
     * Throws {@link InvalidModelException} unless this model takes records of {@code record}: its own input
     * shape, or for a design fully convolutional in time, windows of other lengths it accepts.
     */
    public void checkInput(int[] record) {
        architecture.checkInput(shape, record);
    }

    /**
     * One forward pass yielding, per input, the denoised output and the latent vector. The batch is padded
     * with zero records to the next power of two: oneDNN builds (and JIT-compiles) its kernels once per
     * input shape, and ONNX Runtime plans its memory pattern once per shape, so a stream of batches of every
     * size from 1 to N would keep paying for new ones, while power-of-two sizes need only log2(N) + 1 of
     * them, all built by {@link #warmUp(int)}.
     */
    public Reconstruction reconstruct(float[][] inputs) {
        if (tiled != null) {
            int[][] shapes = new int[inputs.length][];
            Arrays.fill(shapes, shape.input());
            return tiled.reconstruct(inputs, shapes);
        }
        int padded = inputs.length <= 1 ? 1 : Integer.highestOneBit(inputs.length - 1) << 1;
        if (padded == inputs.length) {
            return engine.reconstruct(inputs);
        }
        float[][] batch = Arrays.copyOf(inputs, padded);
        // zero records of the batch's own length, which a design fully convolutional in time may choose
        Arrays.fill(batch, inputs.length, padded, new float[inputs.length == 0 ? shape.inputSize() : inputs[0].length]);
        Reconstruction result = engine.reconstruct(batch);
        return new Reconstruction(Arrays.copyOf(result.outputs(), inputs.length),
                Arrays.copyOf(result.latents(), inputs.length));
    }

    /**
     * Images of any size a tiled model accepts ({@link ImageTiling#accepts}), each {@code [H, W]} or
     * {@code [C, H, W]}: outputs of the same shapes, and one latent vector of {@link ImageTiling#latentChannels()}
     * values per image. Other models take the records {@link #checkInput} accepts, one pass per record shape.
     */
    public Reconstruction reconstruct(float[][] inputs, int[][] shapes) {
        if (tiled != null) {
            return tiled.reconstruct(inputs, shapes);
        }
        boolean oneLength = true;
        for (int i = 0; i < inputs.length; i++) {
            checkInput(shapes[i]);
            oneLength &= inputs[i].length == inputs[0].length;
        }
        if (oneLength) {
            return reconstruct(inputs);
        }
        // a design fully convolutional in time takes windows of several lengths (its features are fixed), but
        // each pass only one length
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            byLength.computeIfAbsent(inputs[i].length, k -> new ArrayList<>()).add(i);
        }
        float[][] outputs = new float[inputs.length][];
        float[][] latents = new float[inputs.length][];
        for (List<Integer> group : byLength.values()) {
            Reconstruction result = reconstruct(group.stream().map(i -> inputs[i]).toArray(float[][]::new));
            for (int j = 0; j < group.size(); j++) {
                outputs[group.get(j)] = result.outputs()[j];
                latents[group.get(j)] = result.latents()[j];
            }
        }
        return new Reconstruction(outputs, latents);
    }

    /**
     * Whether {@link #reconstruct(float[][], int[][])} takes a record of {@code shape}: an image of channels it
     * can tile for a tiled model, else what {@link #checkInput} accepts.
     */
    public boolean accepts(int[] shape) {
        if (tiling.isPresent()) {
            return (shape.length == 2 || shape.length == 3)
                    && tiling.get().accepts(ImageTiling.chw(shape)[0], tiling.get().minSize(), tiling.get().minSize());
        }
        try {
            checkInput(shape);
            return true;
        } catch (InvalidModelException e) {
            return false;
        }
    }

    /** How this model runs on images of any size, if it is a tiled image model. */
    public Optional<ImageTiling> tiling() {
        return tiling;
    }

    /**
     * Runs every batch size {@link #reconstruct} can use up to {@code maxBatch}, so no record waits for a kernel
     * build. The largest runs first: a model too large to run at full batch then fails at once.
     */
    public void warmUp(int maxBatch) {
        if (tiled != null) {
            tiled.warmUp();
            return;
        }
        float[] zeros = new float[shape.inputSize()];
        int largest = maxBatch <= 1 ? 1 : Integer.highestOneBit(maxBatch - 1) << 1;
        for (int size = largest; size >= 1; size /= 2) {
            float[][] batch = new float[size][];
            Arrays.fill(batch, zeros);
            engine.reconstruct(batch);
        }
    }

    /** Any number of records, run through the network {@code batchSize} at a time. */
    public Reconstruction reconstructAll(float[][] inputs, int batchSize) {
        return reconstructAll(inputs, shape.input(), batchSize);
    }

    /** Any number of records of one {@code recordShape}, run through the network {@code batchSize} at a time. */
    public Reconstruction reconstructAll(float[][] inputs, int[] recordShape, int batchSize) {
        int[][] shapes = new int[Math.min(batchSize, inputs.length)][];
        Arrays.fill(shapes, recordShape);
        float[][] outputs = new float[inputs.length][];
        float[][] latents = new float[inputs.length][];
        for (int start = 0; start < inputs.length; start += batchSize) {
            float[][] slice = Arrays.copyOfRange(inputs, start, Math.min(inputs.length, start + batchSize));
            Reconstruction batch = reconstruct(slice, Arrays.copyOf(shapes, slice.length));
            System.arraycopy(batch.outputs(), 0, outputs, start, batch.outputs().length);
            System.arraycopy(batch.latents(), 0, latents, start, batch.latents().length);
        }
        return new Reconstruction(outputs, latents);
    }

    /**
     * The latent vector published for a record denoised to {@code output} with bottleneck {@code bottleneck}:
     * under {@link LatentChoice#EMBEDDING} this version's embedding of the output when it has one that takes
     * records of its size, else the bottleneck. Reads only immutable state, so any thread may call it.
     */
    public Latent latent(float[] output, float[] bottleneck, LatentChoice choice) {
        return choice == LatentChoice.EMBEDDING && embedding != null && embedding.takes(output)
                ? embedding.apply(output) : Latent.bottleneck(bottleneck);
    }

    /** Frees the network's native memory; the model cannot be used afterwards. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            OPEN.decrementAndGet();
            engine.close();
        }
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public ModelShape shape() {
        return shape;
    }
}
