package io.denoiser.cli;

import io.denoiser.model.InferenceEngineKind;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code onnxruntime} or {@code dl4j}. */
final class InferenceEngineKindConverter implements ITypeConverter<InferenceEngineKind> {

    @Override
    public InferenceEngineKind convert(String value) {
        return InferenceEngineKind.parse(value);
    }
}
