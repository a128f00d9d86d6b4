package io.denoiser.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Writes a loaded DL4J network, layer stack or graph, into an {@link OnnxGraph} by walking its configuration:
 * each layer and vertex becomes ONNX nodes reading the network's own parameter tables. Loss layers without
 * parameters are left out. Networks with input preprocessors are refused: the designs need none.
 */
public final class NetworkConverter {

    private final OnnxOps ops;
    private final LayerConverter layers;

    public NetworkConverter(OnnxOps ops) {
        this.ops = ops;
        this.layers = new LayerConverter(ops);
    }

    /** Every layer's output from {@code input}, by layer index; null for a loss layer left out. */
    public List<Tensor> convert(MultiLayerNetwork network, Tensor input) {
        List<Tensor> outputs = new ArrayList<>();
        Tensor x = input;
        for (int i = 0; i < network.getnLayers(); i++) {
            if (network.getLayerWiseConfigurations().getInputPreProcess(i) != null) {
                throw new UnsupportedOperationException("layer " + i + ": no ONNX export for input preprocessors");
            }
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            x = LayerConverter.isLoss(layer) ? null : layers.convert("layer" + i, layer, network.getLayer(i), x);
            outputs.add(x);
        }
        return outputs;
    }

    /** Every vertex's output, by name, from the graph's {@code inputs} by name. */
    public Map<String, Tensor> convert(ComputationGraph graph, Map<String, Tensor> inputs) {
        ComputationGraphConfiguration configuration = graph.getConfiguration();
        Map<String, Tensor> values = new HashMap<>(inputs);
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            if (configuration.getNetworkInputs().contains(name)) {
                continue;
            }
            List<Tensor> in = configuration.getVertexInputs().get(name).stream().map(values::get).toList();
            Tensor output = vertex(graph, name, configuration.getVertices().get(name), in, values);
            if (output != null) {
                values.put(name, output);
            }
        }
        return values;
    }

    private Tensor vertex(ComputationGraph graph, String name, GraphVertex vertex, List<Tensor> in,
                          Map<String, Tensor> values) {
        if (vertex instanceof LayerVertex layerVertex) {
            if (layerVertex.getPreProcessor() != null) {
                throw new UnsupportedOperationException(name + ": no ONNX export for input preprocessors");
            }
            Layer layer = layerVertex.getLayerConf().getLayer();
            return LayerConverter.isLoss(layer) ? null : layers.convert(name, layer, graph.getLayer(name), in.get(0));
        } else if (vertex instanceof ElementWiseVertex elementWise && elementWise.getOp() == ElementWiseVertex.Op.Add) {
            return ops.sum(in);
        } else if (vertex instanceof MergeVertex) {
            return ops.concatChannels(in);
        } else if (vertex instanceof LastTimeStepVertex) {
            return ops.lastStep(in.get(0));
        } else if (vertex instanceof DuplicateToTimeSeriesVertex duplicate) {
            return ops.repeat(in.get(0), values.get(duplicate.getInputName()).dimension(2));
        }
        throw new UnsupportedOperationException(name + ": no ONNX export for " + vertex.getClass().getSimpleName());
    }
}
