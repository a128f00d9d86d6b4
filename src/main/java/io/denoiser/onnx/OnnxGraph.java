package io.denoiser.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.ByteString;

/**
 * An ONNX graph being written, float32 throughout, with the multiply-adds of its convolutions, matrix products
 * and recurrences counted as they are added, for one record of the model's own input shape.
 */
public final class OnnxGraph {

    /** ONNX IR version 8 is the one that goes with operator set 17. */
    private static final long IR_VERSION = 8;
    private static final String PRODUCER = "denoiser";

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int nextName;
    private long multiplyAdds;

    public OnnxGraph(String name) {
        graph.setName(name);
    }

    /**
     * Declares a graph input; {@code symbols[i]}, where given and not null, names dimension {@code i} as
     * symbolic, whose size in {@code shape} is the model shape's.
     */
    public Tensor input(String name, long[] shape, String... symbols) {
        TensorShapeProto.Builder dimensions = TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.length; i++) {
            TensorShapeProto.Dimension.Builder dimension = TensorShapeProto.Dimension.newBuilder();
            if (i < symbols.length && symbols[i] != null) {
                dimension.setDimParam(symbols[i]);
            } else {
                dimension.setDimValue(shape[i]);
            }
            dimensions.addDim(dimension);
        }
        graph.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(dimensions))));
        return new Tensor(name, shape);
    }

    /** Makes {@code value} a graph output named {@code name}. */
    public void output(String name, Tensor value) {
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").addInput(value.name()).addOutput(name));
        graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()))));
    }

    /** Adds a node of one output, whose shape for one record is {@code shape}. */
    public Tensor node(String op, long[] shape, List<Tensor> inputs, AttributeProto... attributes) {
        String output = op.toLowerCase(Locale.ROOT) + "_" + nextName++;
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output)
                .addAllAttribute(Arrays.asList(attributes));
        inputs.forEach(input -> node.addInput(input == null ? "" : input.name()));
        graph.addNode(node);
        return new Tensor(output, shape);
    }

    /** A float initializer of {@code dims}, e.g. a layer's weights. */
    public Tensor weights(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addAllDims(Arrays.stream(dims).boxed().toList()).setRawData(ByteString.copyFrom(bytes)));
        return new Tensor(name, dims);
    }

    /** An int64 scalar constant, e.g. an index. */
    public Tensor index(long value) {
        return longs(new long[] {value}, new long[0]);
    }

    private Tensor longs(long[] values, long[] dims) {
        String name = "const_" + nextName++;
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                .addAllDims(Arrays.stream(dims).boxed().toList()).addAllInt64Data(Arrays.stream(values).boxed().toList()));
        return new Tensor(name, dims);
    }

    /** A one-dimensional int64 constant. */
    public Tensor longs(long... values) {
        return longs(values, new long[] {values.length});
    }

    /** A one-dimensional float constant. */
    public Tensor floats(float... values) {
        return weights("const_" + nextName++, values, values.length);
    }

    /** A float scalar constant. */
    public Tensor scalar(float value) {
        return weights("const_" + nextName++, new float[] {value});
    }

    void countMultiplyAdds(long count) {
        multiplyAdds += count;
    }

    public long multiplyAdds() {
        return multiplyAdds;
    }

    /** The serialized model: this graph at {@link OnnxContract#OPSET}, with {@code metadata} as its metadata_props. */
    public byte[] model(Map<String, String> metadata) {
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName(PRODUCER)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxContract.OPSET))
                .setGraph(graph);
        metadata.forEach((key, value) -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build().toByteArray();
    }
}
