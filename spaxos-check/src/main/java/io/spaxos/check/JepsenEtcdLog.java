package io.spaxos.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the register histories Jepsen logged against etcd (the test data of porcupine and
 * Knossos), one event a line:
 * <pre>
 * INFO  jepsen.util - 3	:invoke	:cas	[3 0]
 * INFO  jepsen.util - 3	:ok	:cas	[3 0]
 * </pre>
 * Fields may be separated by tabs or spaces. The line number is the event's time.
 *
 * <p>Outcomes: {@code :ok} completed; {@code :fail} had no effect (FAIL); {@code :info} (a
 * timeout), or no completion at all by the end of the log, may or may not have taken effect
 * (INDEFINITE). Values are integers or {@code nil}. A completed cas returns {@code true}.
 */
public final class JepsenEtcdLog {

    private JepsenEtcdLog() {
    }

    public static List<Operation<RegisterOp<Integer>, Object>> parse(Path log) throws IOException {
        return parse(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException naming the line, if a line is not an event of this format */
    public static List<Operation<RegisterOp<Integer>, Object>> parse(List<String> lines) {
        final List<Operation<RegisterOp<Integer>, Object>> history = new ArrayList<>();
        final Map<Integer, Invocation> pending = new HashMap<>();
        for (int lineIndex = 0; lineIndex < lines.size(); lineIndex++) {
            if (lines.get(lineIndex).isBlank()) {
                continue;
            }
            final Event event = Event.parse(lines.get(lineIndex), lineIndex + 1);
            final long time = lineIndex;
            if (event.type.equals(":invoke")) {
                final Invocation previous = pending.put(event.process, new Invocation(time, event));
                if (previous != null) {
                    throw event.malformed("process invoked again before its last operation completed");
                }
                continue;
            }
            final Invocation invocation = pending.remove(event.process);
            if (invocation == null || !invocation.event.function.equals(event.function)) {
                throw event.malformed("completion without a matching invocation");
            }
            history.add(complete(invocation, event, time));
        }
        // A process whose last invocation never completed: a crash or the test's end. Unknown.
        pending.values().stream()
                .sorted((a, b) -> Long.compare(a.callTime, b.callTime))
                .forEach(invocation -> history.add(
                        Operation.indefinite(invocation.event.process, invocation.callTime, input(invocation.event))));
        return history;
    }

    private static Operation<RegisterOp<Integer>, Object> complete(Invocation invocation, Event completion, long time) {
        final RegisterOp<Integer> input = input(invocation.event);
        final int process = completion.process;
        return switch (completion.type) {
            case ":ok" -> Operation.ok(process, invocation.callTime, time, input, output(input, completion));
            case ":fail" -> Operation.failed(process, invocation.callTime, time, input);
            case ":info" -> Operation.indefinite(process, invocation.callTime, input);
            default -> throw completion.malformed("unknown event type " + completion.type);
        };
    }

    private static RegisterOp<Integer> input(Event invoke) {
        return switch (invoke.function) {
            case ":read" -> RegisterOp.read();
            case ":write" -> RegisterOp.write(invoke.value(0));
            case ":cas" -> RegisterOp.cas(invoke.value(0), invoke.value(1));
            default -> throw invoke.malformed("unknown operation " + invoke.function);
        };
    }

    private static Object output(RegisterOp<Integer> input, Event ok) {
        if (input instanceof RegisterOp.Read<Integer>) {
            return ok.value(0);
        }
        return input instanceof RegisterOp.Cas<Integer> ? Boolean.TRUE : null;
    }

    private record Invocation(long callTime, Event event) {
    }

    /** One parsed line: {@code <process> <type> <function> <value tokens...>}. */
    private record Event(int process, String type, String function, List<String> values, String line, int lineNumber) {

        static Event parse(String line, int lineNumber) {
            final String[] tokens = line.trim().split("\\s+");
            int typeAt = 0;
            while (typeAt < tokens.length && !tokens[typeAt].startsWith(":")) {
                typeAt++;
            }
            if (typeAt == 0 || typeAt + 1 >= tokens.length) {
                throw new IllegalArgumentException("line " + lineNumber + ": not a Jepsen event: " + line);
            }
            final List<String> values = new ArrayList<>();
            for (int i = typeAt + 2; i < tokens.length; i++) {
                values.add(tokens[i].replace("[", "").replace("]", ""));
            }
            try {
                final int process = Integer.parseInt(tokens[typeAt - 1]);
                return new Event(process, tokens[typeAt], tokens[typeAt + 1], values, line, lineNumber);
            } catch (NumberFormatException notAProcess) {
                throw new IllegalArgumentException("line " + lineNumber + ": no process id: " + line, notAProcess);
            }
        }

        Integer value(int index) {
            if (index >= values.size()) {
                throw malformed("missing value " + index);
            }
            final String token = values.get(index);
            if (token.equals("nil")) {
                return null;
            }
            try {
                return Integer.valueOf(token);
            } catch (NumberFormatException notAnInteger) {
                throw malformed("not an integer or nil: " + token);
            }
        }

        IllegalArgumentException malformed(String why) {
            return new IllegalArgumentException("line " + lineNumber + ": " + why + ": " + line);
        }
    }
}
