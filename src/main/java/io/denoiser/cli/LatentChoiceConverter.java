package io.denoiser.cli;

import io.denoiser.model.LatentChoice;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code embedding} or {@code bottleneck}. */
final class LatentChoiceConverter implements ITypeConverter<LatentChoice> {

    @Override
    public LatentChoice convert(String value) {
        return LatentChoice.parse(value);
    }
}
