package io.denoiser.model;

import io.denoiser.onnx.OnnxGraph;
import io.denoiser.onnx.OnnxOps;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network designs a model record may name. A record carries only an architecture id, its shapes and a
 * flat parameter array; the networks themselves are always built here, in code, never deserialized.
 */
public enum Architecture {

    /** The seed's convolutional autoencoder for 28x28 images. */
    CNN_SEED("cnn-seed", new SeedCnnDesign()),
    /** A small U-Net for 28x28 images. */
    UNET("unet", new UnetDesign(false)),
    /** The U-Net with no layer at full resolution: strided in, transposed convolution out; the default image denoiser. */
    UNET_S2("unet-s2", new UnetDesign(true)),
    /** The seed's dense autoencoder for 28x28 images, flattened. */
    DENSE("dense", new DenseDesign()),
    /** The seed's LSTM sequence-to-sequence autoencoder for T x F windows. */
    LSTM("lstm", new LstmDesign(false)),
    /** The same LSTM autoencoder with its encoder reading each window last step first. */
    LSTM_REVERSED("lstm-reversed", new LstmDesign(true)),
    /** The LSTM autoencoder with the noisy window fed to a bidirectional decoder beside the repeated latent. */
    LSTM_SKIP("lstm-skip", new LstmSkipDesign()),
    /** A fully convolutional residual U-Net for grayscale photographs of any size, run in tiles. */
    PHOTO_UNET("photo-unet", new PhotoUnetDesign()),
    /** A fully convolutional 1-D U-Net over time with a residual output, for windows of any length it accepts. */
    CNN1D("cnn1d", new TemporalCnnDesign());

    private final String id;
    private final Design design;

    Architecture(String id, Design design) {
        this.id = id;
        this.design = design;
    }

    public static Architecture fromId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown architecture '" + id + "'"));
    }

    public String id() {
        return id;
    }

    /** True for the sequence autoencoders, whose input shape is [steps, features] of the data they train on. */
    public boolean readsSequences() {
        return design.readsSequences();
    }

    /** How this design runs on images of any size, if it is a fully convolutional image design. */
    public Optional<ImageTiling> tiling() {
        return design.tiling();
    }

    public ModelShape defaultShape() {
        return design.defaultShape();
    }

    /** Throws {@link InvalidModelException} if this architecture cannot work on {@code shape}. */
    public void checkShape(ModelShape shape) {
        try {
            design.checkShape(shape);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(id + ": " + e.getMessage(), e);
        }
    }

    /** Throws {@link InvalidModelException} unless a model of this architecture and {@code shape} takes records of {@code record}. */
    public void checkInput(ModelShape shape, int[] record) {
        try {
            design.checkInput(shape, record);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(id + ": " + e.getMessage(), e);
        }
    }

    /** Exact parameter count, checked against every incoming parameter array before it is loaded. */
    public long parameterCount(ModelShape shape) {
        return design.parameterCount(shape);
    }

    /** A freshly initialised training network (with its loss) of this design. */
    public TrainingNetwork newNetwork(long seed, ModelShape shape) {
        return design.trainingNetwork(seed, shape);
    }

    public TrainingNetwork newNetwork(long seed) {
        return newNetwork(seed, defaultShape());
    }

    /**
     * This design over {@code parameters} as a serialized ONNX model (see {@link io.denoiser.onnx.OnnxContract}),
     * the parameters as its initializers.
     */
    public byte[] onnxModel(float[] parameters, ModelShape shape) {
        return onnxGraph(parameters, shape).model(Map.of("architecture", id,
                "input_shape", Arrays.toString(shape.input()), "latent_shape", Arrays.toString(shape.latent()),
                "parameters", Long.toString(parameters.length)));
    }

    /**
     * Multiply-adds of one forward pass over one record of {@code shape}'s input: convolutions, transposed
     * convolutions, matrix products and LSTM gates, counted while writing the ONNX graph.
     */
    public long multiplyAdds(ModelShape shape) {
        return onnxGraph(new float[Math.toIntExact(parameterCount(shape))], shape).multiplyAdds();
    }

    private OnnxGraph onnxGraph(float[] parameters, ModelShape shape) {
        checkShape(shape);
        if (parameters.length != parameterCount(shape)) {
            throw new InvalidModelException(id + " of " + shape + " has " + parameterCount(shape) + " parameters, not "
                    + parameters.length);
        }
        OnnxGraph graph = new OnnxGraph(id);
        design.exportOnnx(new OnnxOps(graph), parameters, shape);
        return graph;
    }

    InferenceEngine inference(float[] parameters, ModelShape shape) {
        return design.inference(parameters, shape);
    }

    /** Records laid out one after another, reshaped as the training network's targets. */
    public INDArray trainingBatch(float[] values, int count, ModelShape shape) {
        return design.trainingBatch(values, count, shape);
    }

    /**
     * Noisy records laid out one after another, reshaped (and for some designs reordered) as the training
     * network's inputs: the records, and for designs told their noise level, its map.
     */
    public INDArray[] trainingInputs(float[] values, int count, ModelShape shape) {
        return design.trainingInputs(values, count, shape);
    }
}
