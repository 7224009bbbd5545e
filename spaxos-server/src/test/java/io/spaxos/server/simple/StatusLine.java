package io.spaxos.server.simple;

import java.util.HashMap;
import java.util.Map;

/** A parsed {@code STATUS id=.. master=.. role=.. chosen=.. applied=.. entries=.. pending=..} line. */
record StatusLine(int id, int master, String role, long chosen, long applied, long entries, long pending,
                  String line) {

    static StatusLine parse(String line) {
        if (!line.startsWith("STATUS ")) {
            throw new IllegalArgumentException("not a STATUS line: " + line);
        }
        final Map<String, String> fields = new HashMap<>();
        for (final String field : line.substring("STATUS ".length()).split(" ")) {
            final int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        final String master = fields.getOrDefault("master", "none");
        return new StatusLine(Integer.parseInt(fields.get("id")), "none".equals(master) ? 0 : Integer.parseInt(master),
                fields.get("role"), Long.parseLong(fields.get("chosen")), Long.parseLong(fields.get("applied")),
                Long.parseLong(fields.get("entries")), Long.parseLong(fields.get("pending")), line);
    }

    boolean failed() {
        return line.contains(" failed=");
    }
}
