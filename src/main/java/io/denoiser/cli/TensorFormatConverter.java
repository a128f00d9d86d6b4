package io.denoiser.cli;

import io.denoiser.codec.TensorFormat;
import java.util.Arrays;
import java.util.Locale;

/** Reads {@code binary}, {@code json}, {@code png} or {@code jpeg}. */
final class TensorFormatConverter extends ChoiceConverter<TensorFormat> {

    TensorFormatConverter() {
        super(name -> TensorFormat.valueOf(name.trim().toUpperCase(Locale.ROOT)),
                Arrays.stream(TensorFormat.values()).map(format -> format.name().toLowerCase(Locale.ROOT)).toList());
    }
}
