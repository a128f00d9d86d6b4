package io.denoiser.onnx;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** The shape-keeping operators that the layer converters and the designs' glue write into an {@link OnnxGraph}. */
public final class OnnxOps {

    private final OnnxGraph graph;

    public OnnxOps(OnnxGraph graph) {
        this.graph = graph;
    }

    public OnnxGraph graph() {
        return graph;
    }

    public Tensor transpose(Tensor x, long... permutation) {
        long[] shape = new long[permutation.length];
        for (int i = 0; i < permutation.length; i++) {
            shape[i] = x.dimension((int) permutation[i]);
        }
        return graph.node("Transpose", shape, List.of(x), Attributes.ints("perm", permutation));
    }

    /** Reshapes to {@code shape} with the batch dimension kept: {@code shape[0]} is ignored and written as 0. */
    public Tensor reshape(Tensor x, long... shape) {
        long[] target = shape.clone();
        target[0] = 0;
        return graph.node("Reshape", shape, List.of(x, graph.longs(target)));
    }

    /** [N, ...] to [N, product of the rest], in C order: a convolutional latent flattened CHW. */
    public Tensor flatten(Tensor x) {
        long size = Arrays.stream(x.shape()).skip(1).reduce(1, Math::multiplyExact);
        return graph.node("Flatten", new long[] {x.dimension(0), size}, List.of(x), Attributes.integer("axis", 1));
    }

    /** The DL4J activations the designs use; identity writes nothing. */
    public Tensor activation(Tensor x, IActivation activation) {
        if (activation instanceof ActivationIdentity) {
            return x;
        }
        String op = activation instanceof ActivationReLU ? "Relu" : activation instanceof ActivationSigmoid ? "Sigmoid"
                : activation instanceof ActivationTanH ? "Tanh" : null;
        if (op == null) {
            throw new UnsupportedOperationException("no ONNX export for activation " + activation);
        }
        return graph.node(op, x.shape(), List.of(x));
    }

    public Tensor sum(List<Tensor> inputs) {
        return inputs.size() == 1 ? inputs.get(0) : graph.node("Sum", inputs.get(0).shape(), inputs);
    }

    /** Concatenation along dimension 1, the channels of images and of DL4J's NCW sequences. */
    public Tensor concatChannels(List<Tensor> inputs) {
        long[] shape = inputs.get(0).shape().clone();
        shape[1] = inputs.stream().mapToLong(t -> t.dimension(1)).sum();
        return graph.node("Concat", shape, inputs, Attributes.integer("axis", 1));
    }

    /** The last step [N, C] of an NCW sequence [N, C, T]. */
    public Tensor lastStep(Tensor x) {
        return graph.node("Gather", new long[] {x.dimension(0), x.dimension(1)},
                List.of(x, graph.index(-1)), Attributes.integer("axis", 2));
    }

    /** [N, C] repeated into the NCW sequence [N, C, steps]. */
    public Tensor repeat(Tensor x, long steps) {
        Tensor column = graph.node("Unsqueeze", new long[] {x.dimension(0), x.dimension(1), 1}, List.of(x, graph.longs(2)));
        return graph.node("Expand", new long[] {x.dimension(0), x.dimension(1), steps},
                List.of(column, graph.longs(1, 1, steps)));
    }

    /** The mean over every dimension after the first two: global average pooling, [N, C]. */
    public Tensor meanOverSpace(Tensor x) {
        long[] axes = new long[x.rank() - 2];
        Arrays.setAll(axes, i -> i + 2);
        return graph.node("ReduceMean", new long[] {x.dimension(0), x.dimension(1)}, List.of(x),
                Attributes.ints("axes", axes), Attributes.integer("keepdims", 0));
    }

    /** Nearest-neighbour upsampling of every dimension after the first two by {@code factors}, each value repeated. */
    public Tensor upsample(Tensor x, int... factors) {
        float[] scales = new float[x.rank()];
        long[] shape = x.shape().clone();
        Arrays.fill(scales, 1f);
        for (int i = 0; i < factors.length; i++) {
            scales[i + 2] = factors[i];
            shape[i + 2] *= factors[i];
        }
        // asymmetric coordinates with floor: output i reads input i / factor, an exact repeat
        return graph.node("Resize", shape, Arrays.asList(x, null, graph.floats(scales)),
                Attributes.string("mode", "nearest"), Attributes.string("coordinate_transformation_mode", "asymmetric"),
                Attributes.string("nearest_mode", "floor"));
    }

    public Tensor clip(Tensor x, float min, float max) {
        return graph.node("Clip", x.shape(), List.of(x, graph.scalar(min), graph.scalar(max)));
    }

    /** The steps of a sequence [N, T, F] in reverse order. */
    public Tensor reverseSteps(Tensor x) {
        return graph.node("Slice", x.shape(), List.of(x, graph.longs(-1), graph.longs(Long.MIN_VALUE),
                graph.longs(1), graph.longs(-1)));
    }

    /** A per-record value [N] filled into a map of {@code like}'s shape, whatever its size at run time. */
    public Tensor fill(Tensor values, Tensor like) {
        long[] ones = new long[like.rank()];
        Arrays.fill(ones, 1);
        long[] target = ones.clone();
        target[0] = -1;
        Tensor column = graph.node("Reshape", ones, List.of(values, graph.longs(target)));
        Tensor shape = graph.node("Shape", new long[] {like.rank()}, List.of(like));
        return graph.node("Expand", like.shape(), List.of(column, shape));
    }
}
