package io.denoiser.cli;

import io.denoiser.config.OutputFormat;
import java.util.Arrays;

/** Reads {@code as-input}, {@code binary}, {@code json}, {@code png} or {@code jpeg}. */
final class OutputFormatConverter extends ChoiceConverter<OutputFormat> {

    OutputFormatConverter() {
        super(OutputFormat::parse, Arrays.stream(OutputFormat.values()).map(OutputFormat::id).toList());
    }
}
