package io.spaxos.check;

import java.util.Comparator;
import java.util.List;

/** Renders a history as a table a person can read, one operation a line in call order. */
public final class HistoryPrinter {

    private HistoryPrinter() {
    }

    /**
     * For example {@code "p3  12..15  cas 3->0 ok"} or {@code "p0  13..    write 2  (indefinite)"}.
     */
    public static <I, O> String format(List<Operation<I, O>> history, Model<?, I, O> model) {
        final StringBuilder text = new StringBuilder();
        history.stream()
                .sorted(Comparator.comparingLong(Operation<I, O>::callTime).thenComparingInt(Operation::process))
                .forEach(op -> text.append(String.format("p%-3d %6d..%-6s %s%n",
                        op.process(),
                        op.callTime(),
                        op.isCompleted() ? Long.toString(op.returnTime()) : "",
                        describe(op, model))));
        return text.toString();
    }

    private static <I, O> String describe(Operation<I, O> op, Model<?, I, O> model) {
        return switch (op.status()) {
            case OK -> model.describe(op.input(), op.output());
            case FAIL -> op.input() + "  (failed)";
            case INDEFINITE -> op.input() + "  (indefinite)";
        };
    }
}
