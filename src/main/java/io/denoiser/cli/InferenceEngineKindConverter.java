package io.denoiser.cli;

import io.denoiser.model.InferenceEngineKind;
import java.util.Arrays;

/** Reads {@code onnxruntime} or {@code dl4j}. */
final class InferenceEngineKindConverter extends ChoiceConverter<InferenceEngineKind> {

    InferenceEngineKindConverter() {
        super(InferenceEngineKind::parse, Arrays.stream(InferenceEngineKind.values()).map(InferenceEngineKind::id).toList());
    }
}
