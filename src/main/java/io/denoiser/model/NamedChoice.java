package io.denoiser.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads an enum constant by the lower-case name users write for it (CLI, pipelines file, chart values). */
public final class NamedChoice {

    private NamedChoice() {
    }

    /**
     * The value of {@code values} named {@code text}, case and surrounding blanks aside; an unknown name is an
     * {@link IllegalArgumentException} that lists the names there are, e.g. "unknown engine 'tvm' (onnxruntime, dl4j)".
     */
    public static <E> E parse(E[] values, Function<E, String> name, String text, String what) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values).filter(value -> name.apply(value).equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + text + "' ("
                        + Arrays.stream(values).map(name).collect(Collectors.joining(", ")) + ")"));
    }
}
