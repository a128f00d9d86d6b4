package io.denoiser.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Refuses input with an overlong line, so an untrusted file without line breaks cannot make a CSV parser
 * buffer it whole. Either {@code '\r'} or {@code '\n'} ends a line.
 */
final class LineLimitedReader extends FilterReader {

    private final int maxLineChars;
    private long lineNumber = 1;
    private int lineChars;

    LineLimitedReader(Reader in, int maxLineChars) {
        super(in);
        this.maxLineChars = maxLineChars;
    }

    /** Marks would replay characters through {@link #count(char)}; the parser buffers on its own anyway. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        for (int i = 0; i < read; i++) {
            count(buffer[offset + i]);
        }
        return read;
    }

    private void count(char c) throws IOException {
        if (c == '\n' || c == '\r') {
            lineNumber += c == '\n' ? 1 : 0;
            lineChars = 0;
        } else if (++lineChars > maxLineChars) {
            throw new IOException("line " + lineNumber + " is longer than " + maxLineChars + " characters");
        }
    }
}
