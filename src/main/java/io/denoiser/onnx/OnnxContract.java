package io.denoiser.onnx;

/**
 * The names and layouts every exported model graph shares, so that the serving engine, Python, Triton or any
 * other ONNX runtime can call any model the same way. Float32 throughout; {@code N} is a dynamic batch dimension.
 *
 * <ul>
 *   <li>{@value #INPUT}: the noisy records, {@code [N, C, H, W]} for images and {@code [N, T, F]} (time-major,
 *       as the topics carry them) for sequences. Fixed-size designs fix every other dimension to the model
 *       shape; the fully convolutional ones leave {@code H} and {@code W} (multiples of the product of their
 *       strides) or {@code T} symbolic.</li>
 *   <li>{@value #NOISE_LEVEL}: {@code [N]}, each image's estimated noise level, only for designs that read one;
 *       for a tile, the level estimated over its whole plane.</li>
 *   <li>{@value #DENOISED}: the denoised records, the input's shape, as the topic carries them: a tiled design's
 *       output is clipped to [0, 1] as its tiler stitches it.</li>
 *   <li>{@value #LATENT}: {@code [N, L]}, the latent vector as the latent topic's bottleneck records carry it: a
 *       convolutional bottleneck flattened in CHW order, an LSTM encoder's last hidden state, a 1-D design's
 *       bottleneck averaged over time, or a tiled design's deepest map averaged over all its cells.</li>
 *   <li>{@value #LATENT_MAP}: tiled image designs only, the deepest feature map {@code [N, C', H/s, W/s]}, from
 *       which the serving tiler averages an image's latent over the cells each tile keeps.</li>
 * </ul>
 */
public final class OnnxContract {

    public static final String INPUT = "input";
    public static final String NOISE_LEVEL = "noise_level";
    public static final String DENOISED = "denoised";
    public static final String LATENT = "latent";
    public static final String LATENT_MAP = "latent_map";
    /** The ONNX operator set every graph is written for: ONNX Runtime 1.23 runs up to 23. */
    public static final long OPSET = 17;

    private OnnxContract() {
    }
}
