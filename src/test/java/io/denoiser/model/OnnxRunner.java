package io.denoiser.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an exported model in ONNX Runtime: records in, each output's rows (one per record) out. */
final class OnnxRunner implements AutoCloseable {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();

    OnnxRunner(byte[] model) throws OrtException {
        this.session = environment.createSession(model, new OrtSession.SessionOptions());
    }

    /** Gives input {@code name} the records {@code rows}, each of {@code recordShape}. */
    OnnxRunner input(String name, float[][] rows, long... recordShape) throws OrtException {
        int size = rows.length == 0 ? 0 : rows[0].length;
        FloatBuffer values = FloatBuffer.allocate(rows.length * size);
        for (float[] row : rows) {
            values.put(row);
        }
        values.flip();
        long[] shape = new long[recordShape.length + 1];
        shape[0] = rows.length;
        System.arraycopy(recordShape, 0, shape, 1, recordShape.length);
        inputs.put(name, OnnxTensor.createTensor(environment, values, shape));
        return this;
    }

    /** Gives input {@code name} one value per record, [N]. */
    OnnxRunner vector(String name, float[] values) throws OrtException {
        inputs.put(name, OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), new long[] {values.length}));
        return this;
    }

    /** Every output, as one row per record. */
    Map<String, float[][]> run() throws OrtException {
        Map<String, float[][]> outputs = new HashMap<>();
        try (OrtSession.Result result = session.run(inputs)) {
            for (Map.Entry<String, OnnxValue> entry : result) {
                OnnxTensor tensor = (OnnxTensor) entry.getValue();
                long[] shape = tensor.getInfo().getShape();
                FloatBuffer values = tensor.getFloatBuffer();
                int size = values.remaining() / (int) shape[0];
                float[][] rows = new float[(int) shape[0]][size];
                for (float[] row : rows) {
                    values.get(row);
                }
                outputs.put(entry.getKey(), rows);
            }
        }
        return outputs;
    }

    @Override
    public void close() throws OrtException {
        inputs.values().forEach(OnnxTensor::close);
        session.close();
    }
}
