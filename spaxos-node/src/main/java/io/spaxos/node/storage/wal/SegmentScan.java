package io.spaxos.node.storage.wal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What one segment holds, read from its start: the batches in order, and how the segment ends.
 * A segment ends at its seal record, or, if it was the one being written, at its first record that
 * does not read back whole (a write cut short by a crash, or bytes never written).
 *
 * <p>Pure: reads a buffer, no I/O.
 */
final class SegmentScan {

    final List<ByteBuffer> batches;
    /** Whether a seal record ends the segment. */
    final boolean sealed;
    /** Where the seal or the first unreadable record starts. */
    final int endOffset;
    /**
     * Whether a whole record of this segment follows the unreadable one. A crash cuts the log short
     * only at its end, so a damaged record with good ones after it was damaged after it was written.
     */
    final boolean damagedInTheMiddle;

    private SegmentScan(List<ByteBuffer> batches, boolean sealed, int endOffset, boolean damagedInTheMiddle) {
        this.batches = batches;
        this.sealed = sealed;
        this.endOffset = endOffset;
        this.damagedInTheMiddle = damagedInTheMiddle;
    }

    static SegmentScan of(ByteBuffer segment, long segmentSeq) {
        final List<ByteBuffer> batches = new ArrayList<>();
        int offset = 0;
        while (true) {
            final WalRecord.Read read = WalRecord.read(segment, offset, segmentSeq);
            if (read.invalid()) {
                return new SegmentScan(batches, false, offset, wholeRecordFollows(segment, offset, segmentSeq));
            }
            if (read.type() == WalRecord.SEAL) {
                return new SegmentScan(batches, true, offset, false);
            }
            batches.add(read.payload());
            offset = read.nextOffset();
        }
    }

    /** Reads the damaged record's length as written and looks for a good record right after it. */
    private static boolean wholeRecordFollows(ByteBuffer segment, int offset, long segmentSeq) {
        if (segment.limit() - offset < WalRecord.HEADER_BYTES) {
            return false;
        }
        final int length = segment.getInt(offset);
        if (length < 0 || length > segment.limit() - offset - WalRecord.HEADER_BYTES) {
            return false;
        }
        return !WalRecord.read(segment, offset + WalRecord.HEADER_BYTES + length, segmentSeq).invalid();
    }
}
