package org.hivemesh.bootstrap.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

/** Writes JSONL: each line given, then a newline. */
final class JsonLines {
    private JsonLines() {
    }

    static Consumer<String> to(Writer out) {
        return line -> {
            try {
                out.write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
