package io.spaxos.jepsen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A replica's answer to the line protocol's {@code STATUS}:
 * {@code STATUS id=.. master=.. role=.. chosen=.. applied=.. entries=.. pending=.. [failed="..."]}.
 *
 * @param master  the master it knows, 0 for none
 * @param entries the last entry index it applied
 */
record LineStatus(int id, int master, String role, long entries, boolean failed, String line) {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    boolean isMaster() {
        return "master".equals(role);
    }

    /** Asks the line port; empty if it does not answer within {@code timeout} (down, paused, starting). */
    static Optional<LineStatus> ask(int linePort, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), linePort),
                    (int) Math.min(timeout.toMillis(), CONNECT_TIMEOUT.toMillis()));
            socket.setSoTimeout((int) timeout.toMillis());
            final OutputStream out = socket.getOutputStream();
            out.write("STATUS\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            return line == null ? Optional.empty() : Optional.of(parse(line));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static LineStatus parse(String line) {
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
        try {
            final String master = fields.getOrDefault("master", "none");
            return new LineStatus(Integer.parseInt(fields.get("id")), "none".equals(master) ? 0 : Integer.parseInt(master),
                    fields.getOrDefault("role", "?"), Long.parseLong(fields.get("entries")), line.contains(" failed="),
                    line);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed STATUS line: " + line, e);
        }
    }
}
