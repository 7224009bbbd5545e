package io.spaxos.server.redis;

import java.util.Arrays;
import java.util.HashSet;
import org.agrona.collections.LongHashSet;
import org.agrona.collections.Object2IntHashMap;

/**
 * The reqids of the last {@code capacity} key-value entries applied, oldest forgotten first.
 * Deterministic: it depends only on the sequence of entries, so every replica (and a replica
 * replaying its log after a restart) remembers exactly the same reqids at the same entry.
 *
 * <p>Under load the window spans only a few seconds, so each remembered reqid would outlive a young
 * garbage collection or two and be copied by each: with strings in a hash set that was most of
 * what every young pause copied. So a reqid that ends in a sequence number, as every reqid the
 * key-value servers make does ({@link ReqIds}), is kept as one long in a primitive set: the number
 * of its prefix (prefixes are few, one per server start) and its sequence. Nothing is kept per
 * remembered reqid but that long. Any other reqid is kept as a string. The packing is exact: a
 * prefix never ends in a digit and a sequence has no leading zero, so two reqids never share a long.
 */
final class RecentRequests {

    static final int SEQUENCE_BITS = 40;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    /** Digits of the largest packed sequence (2^40 - 1 has 13). */
    private static final int MAX_SEQUENCE_DIGITS = 13;
    /** Prefix numbers stay below the number of remembered reqids, and must fit in the 23 bits left. */
    static final int MAX_CAPACITY = 1 << 22;

    private final int capacity;
    // The window in arrival order, as a ring from `oldest`: a packed reqid, or (when its string
    // slot is not null) the reqid itself.
    private final long[] packedRing;
    private final String[] stringRing;
    private int oldest;
    private int size;
    private final LongHashSet packed;
    private final HashSet<String> unpacked = new HashSet<>();
    private final Prefixes prefixes = new Prefixes();

    RecentRequests(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in 1.." + MAX_CAPACITY + ": " + capacity);
        }
        this.capacity = capacity;
        this.packedRing = new long[capacity];
        this.stringRing = new String[capacity];
        this.packed = new LongHashSet(Math.min(capacity, 1 << 16));
    }

    /** Remembers {@code reqid}; false when it is remembered already (a duplicate). */
    boolean add(String reqid) {
        final int split = sequenceStart(reqid);
        if (split < 0) {
            if (unpacked.contains(reqid)) {
                return false;
            }
            makeRoom();
            unpacked.add(reqid);
            push(0, reqid);
            return true;
        }
        final String prefix = reqid.substring(0, split);
        final long sequence = Long.parseLong(reqid, split, reqid.length(), 10);
        int prefixId = prefixes.idOf(prefix);
        if (prefixId >= 0 && packed.contains(key(prefixId, sequence))) {
            return false;
        }
        makeRoom();
        // Making room may have forgotten the last reqid of this prefix, and with it the prefix's number.
        prefixId = prefixes.idOf(prefix);
        if (prefixId < 0) {
            prefixId = prefixes.intern(prefix);
        }
        prefixes.retain(prefixId);
        final long key = key(prefixId, sequence);
        packed.add(key);
        push(key, null);
        return true;
    }

    int size() {
        return size;
    }

    /**
     * Where the sequence number of {@code reqid} starts: the longest run of digits at its end, if
     * that has no leading zero and fits in {@link #SEQUENCE_BITS}; -1 when there is none.
     */
    static int sequenceStart(String reqid) {
        int start = reqid.length();
        while (start > 0 && reqid.charAt(start - 1) >= '0' && reqid.charAt(start - 1) <= '9') {
            start--;
        }
        final int digits = reqid.length() - start;
        if (digits == 0 || digits > MAX_SEQUENCE_DIGITS || reqid.charAt(start) == '0') {
            return -1;
        }
        return Long.parseLong(reqid, start, reqid.length(), 10) <= MAX_SEQUENCE ? start : -1;
    }

    private static long key(int prefixId, long sequence) {
        return ((long) prefixId << SEQUENCE_BITS) | sequence;
    }

    private void makeRoom() {
        if (size < capacity) {
            return;
        }
        final String oldestString = stringRing[oldest];
        if (oldestString != null) {
            unpacked.remove(oldestString);
            stringRing[oldest] = null;
        } else {
            final long key = packedRing[oldest];
            packed.remove(key);
            prefixes.release((int) (key >>> SEQUENCE_BITS));
        }
        oldest = (oldest + 1) % capacity;
        size--;
    }

    private void push(long key, String reqid) {
        final int slot = (oldest + size) % capacity;
        packedRing[slot] = key;
        stringRing[slot] = reqid;
        size++;
    }

    /** Small numbers for the prefixes of remembered reqids, freed when no remembered reqid uses them. */
    private static final class Prefixes {
        private static final int NONE = -1;
        private final Object2IntHashMap<String> ids = new Object2IntHashMap<>(NONE);
        private String[] names = new String[8];
        private int[] uses = new int[8];
        private int[] free = new int[8];
        private int freeCount;
        private int nextId;

        int idOf(String prefix) {
            return ids.getValue(prefix);
        }

        int intern(String prefix) {
            final int id;
            if (freeCount > 0) {
                id = free[--freeCount];
            } else {
                id = nextId++;
                if (id == names.length) {
                    names = Arrays.copyOf(names, id * 2);
                    uses = Arrays.copyOf(uses, id * 2);
                    free = Arrays.copyOf(free, id * 2);
                }
            }
            names[id] = prefix;
            ids.put(prefix, id);
            return id;
        }

        void retain(int id) {
            uses[id]++;
        }

        void release(int id) {
            if (--uses[id] == 0) {
                ids.removeKey(names[id]);
                names[id] = null;
                free[freeCount++] = id;
            }
        }
    }
}
