package io.denoiser.config;

import io.denoiser.codec.TensorFormat;
import io.denoiser.model.NamedChoice;
import java.util.Locale;

/** The format a pipeline writes its denoised records in; latent vectors are never images. */
public enum OutputFormat {
    /** The input record's own format. */
    AS_INPUT,
    BINARY,
    JSON,
    PNG,
    JPEG;

    /** The format a pipeline writes unless told otherwise, written once for the CLI and the pipelines file. */
    public static final String DEFAULT_ID = "as-input";

    public static OutputFormat defaultFormat() {
        return parse(DEFAULT_ID);
    }

    /** The format named {@code text} by its {@link #id()}, case aside; an unknown name says which exist. */
    public static OutputFormat parse(String text) {
        return NamedChoice.parse(values(), OutputFormat::id, text, "output format");
    }

    /** The name {@link #parse} reads, e.g. {@code as-input}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public TensorFormat denoised(TensorFormat input) {
        return this == AS_INPUT ? input : TensorFormat.valueOf(name());
    }

    /** A latent vector is a flat float array: JSON when JSON was asked for, binary float32 otherwise. */
    public TensorFormat latent(TensorFormat input) {
        return denoised(input) == TensorFormat.JSON ? TensorFormat.JSON : TensorFormat.BINARY;
    }
}
