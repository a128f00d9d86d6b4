package io.denoiser.onnx;

/**
 * A value of the graph being written: its name, and its shape for one record of the model's own input shape
 * (batch 1), from which padding and multiply-adds are worked out. Symbolic dimensions of the graph's inputs
 * take their size in the model shape here.
 */
public record Tensor(String name, long[] shape) {

    public long dimension(int axis) {
        return shape[axis];
    }

    public int rank() {
        return shape.length;
    }
}
