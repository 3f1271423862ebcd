package dev.snet.compiler.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Converts an output file option. {@code Path.of("newdir/")} silently drops the slash, and the
 * file would then be created as {@code newdir}: a name that ends in a separator is refused instead.
 */
final class OutputFile implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        if (value.isEmpty()) throw new CommandLine.TypeConversionException("an empty file name");
        if (value.endsWith("/") || value.endsWith(java.io.File.separator)) {
            throw new CommandLine.TypeConversionException("'" + value + "' names a directory; give the file to write, e.g. " + value + "out");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value.replace("\0", "\\0") + "' is not a usable file name (" + e.getReason() + ")");
        }
    }
}
