package io.denoiser.cli;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads one of a fixed set of names. It is also the option's completion candidates, so help
 * ({@code ${COMPLETION-CANDIDATES}}), shell completion and the error for a wrong name list the same values.
 */
abstract class ChoiceConverter<T> implements ITypeConverter<T>, Iterable<String> {

    private final Function<String, T> parse;
    private final List<String> names;

    ChoiceConverter(Function<String, T> parse, List<String> names) {
        this.parse = parse;
        this.names = List.copyOf(names);
    }

    @Override
    public T convert(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", names));
        }
    }

    @Override
    public Iterator<String> iterator() {
        return names.iterator();
    }
}
