package io.spaxos.jepsen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every operation of a run, in completion order, kept in memory for the checker and written as
 * it happens to {@code history.jsonl} (one JSON object a line), so a run that dies still leaves
 * its history behind.
 */
final class HistoryLog implements AutoCloseable {

    private final List<Op> ops = new ArrayList<>();
    private final BufferedWriter out;
    /** The latest invocation time of an operation that succeeded; -1 before the first. */
    private volatile long latestOkInvokeUs = -1;

    HistoryLog(Path file) {
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    synchronized void add(Op op) {
        ops.add(op);
        if (op.type() == Op.Type.OK && op.invokeUs() > latestOkInvokeUs) {
            latestOkInvokeUs = op.invokeUs();
        }
        try {
            out.write(op.toJson());
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the history file", e);
        }
    }

    /** True once an operation invoked at or after {@code us} has succeeded. */
    boolean succeededSince(long us) {
        return latestOkInvokeUs >= us;
    }

    synchronized List<Op> ops() {
        return List.copyOf(ops);
    }

    synchronized int size() {
        return ops.size();
    }

    synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush the history file", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the history file", e);
        }
    }
}
