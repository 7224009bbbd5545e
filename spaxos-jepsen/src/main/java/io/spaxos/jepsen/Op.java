package io.spaxos.jepsen;

import io.spaxos.check.Keyed;
import io.spaxos.check.Operation;
import io.spaxos.check.RegisterOp;

/**
 * One client operation as the harness recorded it: who, against which replica, what, when it was
 * invoked and when it completed (microseconds since the run started, from {@link System#nanoTime}),
 * and what came of it.
 *
 * @param process  the logical client process; a client that got an indefinite result continues
 *                 as a new process, since its old operation may still take effect (Jepsen's rule)
 * @param node     the replica the request went to
 * @param value    a write's value, a cas's new value; null for a read
 * @param expected a cas's expected value; null otherwise
 * @param result   OK reads: the value seen (null for nil); OK cas: whether it swapped
 * @param error    why the operation failed or is indefinite (a reply, an exception)
 */
record Op(int process, int node, String key, Fn f, Integer value, Integer expected, long invokeUs, long completeUs,
          Type type, Object result, String error) {

    enum Fn { READ, WRITE, CAS }

    /** Jepsen's completion types: ok, fail (definitely no effect), info (unknown). */
    enum Type { OK, FAIL, INFO }

    /** The operation as the checker sees it: a keyed register operation. */
    Operation<Keyed<String, RegisterOp<Integer>>, Object> toOperation() {
        final Keyed<String, RegisterOp<Integer>> input = new Keyed<>(key, registerOp());
        return switch (type) {
            case OK -> Operation.ok(process, invokeUs, completeUs, input, f == Fn.WRITE ? null : result);
            case FAIL -> Operation.failed(process, invokeUs, completeUs, input);
            case INFO -> Operation.indefinite(process, invokeUs, input);
        };
    }

    RegisterOp<Integer> registerOp() {
        return switch (f) {
            case READ -> RegisterOp.read();
            case WRITE -> RegisterOp.write(value);
            case CAS -> RegisterOp.cas(expected, value);
        };
    }

    /** One line of {@code history.jsonl}. */
    String toJson() {
        final StringBuilder json = new StringBuilder(160)
                .append("{\"process\":").append(process)
                .append(",\"node\":").append(node)
                .append(",\"key\":").append(ConfigFile.quote(key))
                .append(",\"f\":\"").append(f.name().toLowerCase()).append('"');
        switch (f) {
            case WRITE -> json.append(",\"value\":").append(value);
            case CAS -> json.append(",\"value\":[").append(expected).append(',').append(value).append(']');
            default -> {
            }
        }
        json.append(",\"type\":\"").append(type.name().toLowerCase()).append('"');
        if (type == Type.OK && f != Fn.WRITE) {
            json.append(",\"result\":").append(result == null ? "null" : result.toString());
        }
        json.append(",\"invoke_us\":").append(invokeUs);
        if (type != Type.INFO) {
            json.append(",\"complete_us\":").append(completeUs);
        }
        if (error != null) {
            json.append(",\"error\":").append(ConfigFile.quote(error));
        }
        return json.append('}').toString();
    }
}
