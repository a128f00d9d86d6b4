package io.denoiser.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a file the command is to read, so a missing one is a usage error naming its option, not a stack trace. */
final class ExistingFileConverter implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        Path file = Path.of(value);
        if (Files.isDirectory(file)) {
            throw new TypeConversionException(value + ": is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new TypeConversionException(value + ": no such file");
        }
        return file;
    }
}
