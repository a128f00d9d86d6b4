package io.denoiser.model;

/** What runs a served model's forward passes; training always runs on DL4J. */
public enum InferenceEngineKind {
    /** ONNX Runtime's CPU provider, on a graph exported from the verified record's parameters. */
    ONNXRUNTIME("onnxruntime"),
    /** DL4J with ND4J's oneDNN build, the networks training uses. */
    DL4J("dl4j");

    /** The engine a pipeline runs unless told otherwise, written once for the CLI, the pipelines file and the chart. */
    public static final String DEFAULT_ID = "onnxruntime";

    private final String id;

    InferenceEngineKind(String id) {
        this.id = id;
    }

    public static InferenceEngineKind defaultKind() {
        return parse(DEFAULT_ID);
    }

    public static InferenceEngineKind parse(String text) {
        return NamedChoice.parse(values(), InferenceEngineKind::id, text, "engine");
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
