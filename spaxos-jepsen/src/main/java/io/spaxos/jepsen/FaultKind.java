package io.spaxos.jepsen;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The nemesis's kinds of fault, by their names on the command line ({@code --nemesis}). */
enum FaultKind {

    /** {@code kill -9} of a random replica or of the master, then a restart on the same data. */
    KILL,
    /** {@code SIGSTOP} of a random replica or of the master (a long GC pause), then {@code SIGCONT}. */
    PAUSE,
    /** A network partition through the proxies: one replica cut off, a bridge, or a one-way cut; then heal. */
    PARTITION,
    /** {@code kill -9} of every replica at once, then all restart. */
    RESTART;

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code all}, or a comma-separated list such as {@code kill,partition}. */
    static Set<FaultKind> parse(String text) {
        if ("all".equalsIgnoreCase(text.strip())) {
            return EnumSet.allOf(FaultKind.class);
        }
        final Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (final String name : text.split(",")) {
            if (name.isBlank() || "none".equalsIgnoreCase(name.strip())) {
                continue;
            }
            kinds.add(Arrays.stream(values()).filter(k -> k.cliName().equalsIgnoreCase(name.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown nemesis '" + name.strip()
                            + "'; expected all, none, or a list of " + Arrays.stream(values())
                            .map(FaultKind::cliName).collect(Collectors.joining(", ")))));
        }
        return kinds;
    }
}
