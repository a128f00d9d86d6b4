package io.denoiser.stream;

/**
 * Record keys as they may appear in a log line. Keys come from whoever can produce to a topic: written raw, a
 * newline forges log lines and an escape sequence rewrites the terminal of whoever reads them.
 */
final class LoggedKeys {

    /** Longest part of a key logged; the rest is counted, not shown. */
    static final int MAX_CHARS = 200;

    private LoggedKeys() {
    }

    /** {@code key} in double quotes, control characters, quotes and backslashes escaped, cut to {@link #MAX_CHARS}. */
    static String quoted(String key) {
        if (key == null) {
            return "(no key)";
        }
        StringBuilder text = new StringBuilder("\"");
        int shown = Math.min(key.length(), MAX_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = key.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        text.append('"');
        if (key.length() > shown) {
            text.append(" (").append(key.length() - shown).append(" more chars)");
        }
        return text.toString();
    }
}
