package io.denoiser.cli;

import io.denoiser.model.LatentChoice;
import java.util.Arrays;

/** Reads {@code embedding} or {@code bottleneck}. */
final class LatentChoiceConverter extends ChoiceConverter<LatentChoice> {

    LatentChoiceConverter() {
        super(LatentChoice::parse, Arrays.stream(LatentChoice.values()).map(LatentChoice::id).toList());
    }
}
