package io.denoiser.bench;

import io.denoiser.model.DenoisingModel;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.NativeRuntime;

/** What a model benchmark runs a model on: a serving engine, or DL4J's out-of-the-box path as a baseline. */
public enum BenchedEngine {
    ONNXRUNTIME("onnxruntime"),
    DL4J("dl4j"),
    /** DL4J with its oneDNN layer helpers off, i.e. im2col convolutions: what DL4J does unless told. */
    DL4J_WITHOUT_HELPERS("dl4j without oneDNN helpers");

    private final String label;

    BenchedEngine(String label) {
        this.label = label;
    }

    public static BenchedEngine of(InferenceEngineKind kind) {
        return switch (kind) {
            case ONNXRUNTIME -> ONNXRUNTIME;
            case DL4J -> DL4J;
        };
    }

    DenoisingModel load(ModelRecord model) {
        return switch (this) {
            case ONNXRUNTIME -> DenoisingModel.load(model, InferenceEngineKind.ONNXRUNTIME);
            case DL4J -> DenoisingModel.load(model, InferenceEngineKind.DL4J);
            case DL4J_WITHOUT_HELPERS -> NativeRuntime.withoutLayerHelpers(
                    () -> DenoisingModel.load(model, InferenceEngineKind.DL4J));
        };
    }

    /** How reports name it, e.g. {@code onnxruntime}. */
    public String label() {
        return label;
    }
}
