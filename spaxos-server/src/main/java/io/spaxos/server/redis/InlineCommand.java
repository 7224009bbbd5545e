package io.spaxos.server.redis;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command ({@code SET "a b" 'c'}, as typed into telnet) into arguments with the
 * rules of Redis's {@code sdssplitargs}: blanks separate, double quotes take escapes such as
 * {@code \n} and {@code \x41}, single quotes take only {@code \'}, and a closing quote must be
 * followed by a blank or the end of the line.
 */
final class InlineCommand {

    private InlineCommand() {
    }

    /** The arguments, or null when the quotes are unbalanced. */
    static List<byte[]> split(byte[] line) {
        final List<byte[]> args = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < line.length && isSpace(line[i])) {
                i++;
            }
            if (i == line.length) {
                return args;
            }
            final ByteArrayOutputStream arg = new ByteArrayOutputStream();
            final int next = line[i] == '"' ? doubleQuoted(line, i + 1, arg)
                    : line[i] == '\'' ? singleQuoted(line, i + 1, arg)
                    : plain(line, i, arg);
            if (next < 0) {
                return null;
            }
            args.add(arg.toByteArray());
            i = next;
        }
    }

    private static int plain(byte[] line, int i, ByteArrayOutputStream arg) {
        while (i < line.length && !isSpace(line[i])) {
            arg.write(line[i++]);
        }
        return i;
    }

    private static int doubleQuoted(byte[] line, int i, ByteArrayOutputStream arg) {
        while (i < line.length) {
            final byte c = line[i];
            if (c == '\\' && i + 3 < line.length && line[i + 1] == 'x' && isHex(line[i + 2]) && isHex(line[i + 3])) {
                arg.write(Character.digit(line[i + 2], 16) * 16 + Character.digit(line[i + 3], 16));
                i += 4;
            } else if (c == '\\' && i + 1 < line.length) {
                arg.write(unescape(line[i + 1]));
                i += 2;
            } else if (c == '"') {
                return closed(line, i + 1);
            } else {
                arg.write(c);
                i++;
            }
        }
        return -1;
    }

    private static int singleQuoted(byte[] line, int i, ByteArrayOutputStream arg) {
        while (i < line.length) {
            final byte c = line[i];
            if (c == '\\' && i + 1 < line.length && line[i + 1] == '\'') {
                arg.write('\'');
                i += 2;
            } else if (c == '\'') {
                return closed(line, i + 1);
            } else {
                arg.write(c);
                i++;
            }
        }
        return -1;
    }

    /** A closing quote must end the argument: {@code "foo"bar} is refused, as by Redis. */
    private static int closed(byte[] line, int afterQuote) {
        return afterQuote == line.length || isSpace(line[afterQuote]) ? afterQuote : -1;
    }

    private static int unescape(byte c) {
        switch (c) {
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'b': return '\b';
            case 'a': return 7;
            default: return c;
        }
    }

    private static boolean isHex(byte c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }
}
