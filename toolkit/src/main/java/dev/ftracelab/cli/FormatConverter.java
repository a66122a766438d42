package dev.ftracelab.cli;

import dev.ftracelab.report.TableFormat;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/** {@code --format text|csv|json|md}. */
final class FormatConverter implements CommandLine.ITypeConverter<TableFormat>, Iterable<String> {
    @Override
    public TableFormat convert(String value) {
        try {
            return TableFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    @Override
    public Iterator<String> iterator() {
        return List.of("text", "csv", "json", "md").iterator();
    }
}
