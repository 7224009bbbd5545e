package io.spaxos.server.simple;

import io.spaxos.core.ChosenEntry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last applied entries, up to a byte budget, so a GET right after a CHOSEN answer finds the
 * entry even before its record reached the disk. Older entries are read from the log.
 */
final class RecentEntries {

    private final ConcurrentSkipListMap<Long, ChosenEntry> entries = new ConcurrentSkipListMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;

    RecentEntries(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Called on the apply thread for each entry, in order. */
    void add(ChosenEntry entry) {
        entries.put(entry.index(), entry);
        bytes.addAndGet(size(entry));
        while (bytes.get() > maxBytes) {
            final Map.Entry<Long, ChosenEntry> oldest = entries.pollFirstEntry();
            if (oldest == null) {
                break;
            }
            bytes.addAndGet(-size(oldest.getValue()));
        }
    }

    Optional<ChosenEntry> get(long index) {
        return Optional.ofNullable(entries.get(index));
    }

    private static long size(ChosenEntry e) {
        return e.value().length() + e.reqid().length() + 64L;
    }
}
