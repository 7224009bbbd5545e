package io.spaxos.jepsen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code history.jsonl} written by {@link HistoryLog} back into operations, so a recorded
 * run can be checked again ({@code bin/spaxos-jepsen --check FILE}). Only the flat objects
 * {@link Op#toJson()} writes are understood: strings, integers, booleans, null, integer arrays.
 */
final class HistoryFile {

    private HistoryFile() {
    }

    static List<Op> read(Path file) throws IOException {
        final List<Op> ops = new ArrayList<>();
        int lineNumber = 0;
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                ops.add(toOp(new Parser(line).object()));
            } catch (RuntimeException e) {
                throw new IOException(file + ":" + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return ops;
    }

    private static Op toOp(Map<String, Object> json) {
        final Op.Fn f = Op.Fn.valueOf(((String) json.get("f")).toUpperCase(Locale.ROOT));
        final Op.Type type = Op.Type.valueOf(((String) json.get("type")).toUpperCase(Locale.ROOT));
        Integer value = null;
        Integer expected = null;
        if (f == Op.Fn.WRITE) {
            value = ((Long) json.get("value")).intValue();
        } else if (f == Op.Fn.CAS) {
            final List<?> pair = (List<?>) json.get("value");
            expected = ((Long) pair.get(0)).intValue();
            value = ((Long) pair.get(1)).intValue();
        }
        Object result = json.get("result");
        if (result instanceof Long number) {
            result = number.intValue();
        }
        final long invokeUs = (Long) json.get("invoke_us");
        final long completeUs = json.containsKey("complete_us") ? (Long) json.get("complete_us") : invokeUs;
        return new Op(((Long) json.get("process")).intValue(), ((Long) json.get("node")).intValue(),
                (String) json.get("key"), f, value, expected, invokeUs, completeUs, type, result,
                (String) json.get("error"));
    }

    /** A recursive-descent reader for one line of flat JSON. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Map<String, Object> object() {
            final Map<String, Object> fields = new LinkedHashMap<>();
            expect('{');
            while (peek() != '}') {
                final String name = string();
                expect(':');
                fields.put(name, value());
                if (peek() == ',') {
                    at++;
                }
            }
            expect('}');
            return fields;
        }

        private Object value() {
            final char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '[') {
                at++;
                final List<Object> items = new ArrayList<>();
                while (peek() != ']') {
                    items.add(value());
                    if (peek() == ',') {
                        at++;
                    }
                }
                at++;
                return items;
            }
            for (final String word : List.of("true", "false", "null")) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return "null".equals(word) ? null : Boolean.valueOf(word);
                }
            }
            final int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '-')) {
                at++;
            }
            return Long.valueOf(text.substring(start, at));
        }

        private String string() {
            expect('"');
            final StringBuilder s = new StringBuilder();
            while (text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    c = text.charAt(at++);
                    if (c == 'u') {
                        c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                        at += 4;
                    }
                }
                s.append(c);
            }
            at++;
            return s.toString();
        }

        private char peek() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end of line");
            }
            return text.charAt(at);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + (at + 1));
            }
            at++;
        }
    }
}
