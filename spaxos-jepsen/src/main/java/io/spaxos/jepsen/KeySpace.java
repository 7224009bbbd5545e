package io.spaxos.jepsen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The keys clients work on: a few at a time, each retired after {@code opsPerKey} operations and
 * replaced by a fresh one (Jepsen's "independent" keys). A short run stays on its first keys; a
 * long run's per-key histories stay small enough to check, however long it runs, since the
 * checker's cost grows much faster than linearly in one key's history.
 */
final class KeySpace {

    private final int opsPerKey;
    private final String[] active;
    private final int[] used;
    private final List<String> all = new ArrayList<>();

    KeySpace(int activeKeys, int opsPerKey) {
        if (activeKeys < 1 || opsPerKey < 1) {
            throw new IllegalArgumentException("activeKeys and opsPerKey must be positive: " + activeKeys + ", " + opsPerKey);
        }
        this.opsPerKey = opsPerKey;
        this.active = new String[activeKeys];
        this.used = new int[activeKeys];
        for (int i = 0; i < activeKeys; i++) {
            active[i] = fresh();
        }
    }

    /** A key for the next operation. */
    synchronized String pick(Random random) {
        final int slot = random.nextInt(active.length);
        if (used[slot] >= opsPerKey) {
            active[slot] = fresh();
            used[slot] = 0;
        }
        used[slot]++;
        return active[slot];
    }

    /** Every key handed out so far, in order. */
    synchronized List<String> allKeys() {
        return List.copyOf(all);
    }

    synchronized List<String> activeKeys() {
        return List.of(active);
    }

    private String fresh() {
        final String key = "k" + all.size();
        all.add(key);
        return key;
    }
}
