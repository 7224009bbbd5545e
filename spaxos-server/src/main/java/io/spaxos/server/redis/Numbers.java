package io.spaxos.server.redis;

/** Integers as Redis reads them (its {@code string2ll}), so INCR accepts and refuses the same strings. */
final class Numbers {

    private static final int MAX_LONG_CHARS = 20;

    private Numbers() {
    }

    /**
     * {@code text[from..]} as a 64-bit integer: an optional minus, then digits without leading
     * zeros; no plus, no blanks, nothing after. Null when it is not one or does not fit.
     */
    static Long parseLong(byte[] text, int from) {
        final int length = text.length - from;
        if (length < 1 || length > MAX_LONG_CHARS) {
            return null;
        }
        if (length == 1 && text[from] == '0') {
            return 0L;
        }
        final boolean negative = text[from] == '-';
        final int first = negative ? from + 1 : from;
        if (first == text.length || text[first] < '1' || text[first] > '9') {
            return null;
        }
        // Accumulate negatively: the negative range is one larger, so Long.MIN_VALUE parses too.
        long value = 0;
        for (int i = first; i < text.length; i++) {
            final int digit = text[i] - '0';
            if (digit < 0 || digit > 9 || value < (Long.MIN_VALUE + digit) / 10) {
                return null;
            }
            value = value * 10 - digit;
        }
        if (!negative && value == Long.MIN_VALUE) {
            return null;
        }
        return negative ? value : -value;
    }

    static Long parseLong(byte[] text) {
        return parseLong(text, 0);
    }
}
