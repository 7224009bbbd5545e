package io.spaxos.sim;

import java.util.List;
import java.util.Locale;

/**
 * Command line for the simulator ({@code bin/simulate}).
 *
 * <pre>
 *   bin/simulate --seeds N [--first-seed S] [--nodes 3|5] [--variant V]
 *   bin/simulate --seed S [--nodes 3|5] [--variant V] [--verbose]
 * </pre>
 * Prints one line per failing seed with the command that replays it, then {@code N passed, M failed};
 * exits 1 if any failed, 2 on a usage error.
 */
public final class SimulateMain {

    private static final String USAGE = String.join("\n",
            "usage: bin/simulate --seeds N [--first-seed S] [--nodes 3|5] [--variant V]",
            "       bin/simulate --seed S [--nodes 3|5] [--variant V]",
            "  --seeds N       run N seeds, S, S+1, ... (default first seed 1)",
            "  --seed S        replay one seed",
            "  --nodes 3|5     cluster size (default: 3 for even seeds, 5 for odd)",
            "  --variant V     run a deliberately broken variant: " + List.of(Variant.values()));

    private SimulateMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    static int run(String[] args) {
        long count = -1;
        long first = 1;
        Long single = null;
        Integer nodes = null;
        Variant variant = Variant.NONE;
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            switch (arg) {
                case "--seeds" -> count = parseLong(arg, value(args, ++i, arg));
                case "--first-seed" -> first = parseLong(arg, value(args, ++i, arg));
                case "--seed" -> single = parseLong(arg, value(args, ++i, arg));
                case "--nodes" -> {
                    nodes = (int) parseLong(arg, value(args, ++i, arg));
                    if (nodes != 3 && nodes != 5) {
                        throw new IllegalArgumentException("--nodes must be 3 or 5, not " + nodes);
                    }
                }
                case "--variant" -> variant = parseVariant(value(args, ++i, arg));
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (single != null) {
            count = 1;
            first = single;
        }
        if (count < 1) {
            throw new IllegalArgumentException("give --seeds N (N >= 1) or --seed S");
        }
        final long startNs = System.nanoTime();
        long passed = 0;
        long failed = 0;
        for (long seed = first; seed < first + count; seed++) {
            final int n = nodes != null ? nodes : (seed % 2 == 0 ? 3 : 5);
            final SimResult result = Simulation.run(SimParams.fromSeed(seed, n, variant));
            if (result.passed()) {
                passed++;
            } else {
                failed++;
                System.out.println("FAIL seed=" + seed + " nodes=" + n + ": " + result.violations().get(0)
                        + "  replay: " + result.replayCommand());
            }
            if (single != null) {
                System.out.printf(Locale.ROOT, "seed=%d nodes=%d chosen-entries=%d crashes=%d partitions=%d messages=%d%n",
                        seed, n, result.chosenEntries(), result.crashes(), result.partitions(), result.messagesDelivered());
            }
        }
        System.err.printf(Locale.ROOT, "simulated %d seeds in %.1f s%n", passed + failed, (System.nanoTime() - startNs) / 1e9);
        System.out.printf(Locale.ROOT, "%d passed, %d failed%n", passed, failed);
        return failed == 0 ? 0 : 1;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static long parseLong(String flag, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, not '" + text + "'");
        }
    }

    private static Variant parseVariant(String text) {
        try {
            return Variant.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown variant '" + text + "'; one of " + List.of(Variant.values()));
        }
    }
}
