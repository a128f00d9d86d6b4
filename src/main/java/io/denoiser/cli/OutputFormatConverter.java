package io.denoiser.cli;

import io.denoiser.config.OutputFormat;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code as-input}, {@code binary}, {@code json}, {@code png} or {@code jpeg}. */
final class OutputFormatConverter implements ITypeConverter<OutputFormat> {

    @Override
    public OutputFormat convert(String value) {
        return OutputFormat.parse(value);
    }
}
