package org.hivemesh.application.portability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a byte stream (ended by LF or CRLF), each decoded as UTF-8 on its own and strictly: a line that is
 * not UTF-8 is reported as such, never repaired, and the lines after it are still read. Memory holds one line.
 */
final class Utf8Lines {
    sealed interface Line {
    }

    record Text(String text) implements Line {
    }

    /** {@code offset}: of the first bad byte within the line. */
    record Malformed(int offset) implements Line {
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[1024];
    private int lineLength;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the stream. */
    Line next() {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                return any ? decode() : null;
            }
            any = true;
            int start = chunkPos;
            while (chunkPos < chunkEnd && chunk[chunkPos] != '\n') {
                chunkPos++;
            }
            append(start, chunkPos);
            if (chunkPos < chunkEnd) {
                chunkPos++;
                return decode();
            }
        }
    }

    private boolean fill() {
        try {
            int n = in.read(chunk);
            chunkPos = 0;
            chunkEnd = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void append(int from, int to) {
        int n = to - from;
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(2 * line.length, lineLength + n));
        }
        System.arraycopy(chunk, from, line, lineLength, n);
        lineLength += n;
    }

    private Line decode() {
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CharBuffer chars = CharBuffer.allocate(length);
        CoderResult result = decoder.reset().decode(bytes, chars, true);
        if (result.isError()) {
            return new Malformed(bytes.position());
        }
        decoder.flush(chars);
        return new Text(chars.flip().toString());
    }
}
