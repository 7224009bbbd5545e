package io.spaxos.node.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WalRecordTest {

    private static final byte[] PAYLOAD = "a batch".getBytes(StandardCharsets.UTF_8);

    private static ByteBuffer segmentWith(long seq, byte[] payload) {
        final ByteBuffer segment = ByteBuffer.allocate(256);
        WalRecord.encode(segment, seq, WalRecord.BATCH, payload);
        return segment.clear();
    }

    @Test
    void a_record_reads_back_with_its_payload_and_the_offset_after_it() {
        final WalRecord.Read read = WalRecord.read(segmentWith(7, PAYLOAD), 0, 7);

        assertThat(read.invalid()).isFalse();
        assertThat(read.type()).isEqualTo(WalRecord.BATCH);
        assertThat(StandardCharsets.UTF_8.decode(read.payload()).toString()).isEqualTo("a batch");
        assertThat(read.nextOffset()).isEqualTo(WalRecord.size(PAYLOAD.length));
    }

    @Test
    void a_record_left_from_an_earlier_use_of_the_file_reads_as_invalid() {
        assertThat(WalRecord.read(segmentWith(7, PAYLOAD), 0, 8).invalid()).isTrue();
    }

    @Test
    void zeros_read_as_invalid() {
        assertThat(WalRecord.read(ByteBuffer.allocate(64), 0, 0).invalid()).isTrue();
    }

    @Test
    void a_record_cut_short_reads_as_invalid() {
        final ByteBuffer segment = segmentWith(7, PAYLOAD);
        segment.limit(WalRecord.size(PAYLOAD.length) - 1);

        assertThat(WalRecord.read(segment, 0, 7).invalid()).isTrue();
    }

    @Test
    void any_flipped_bit_reads_as_invalid() {
        for (int bit = 0; bit < WalRecord.size(PAYLOAD.length) * 8; bit++) {
            final ByteBuffer segment = segmentWith(7, PAYLOAD);
            segment.put(bit / 8, (byte) (segment.get(bit / 8) ^ (1 << (bit % 8))));

            assertThat(WalRecord.read(segment, 0, 7).invalid()).as("bit %d flipped", bit).isTrue();
        }
    }

    @Test
    void a_length_past_the_end_of_the_segment_reads_as_invalid() {
        final ByteBuffer segment = segmentWith(7, PAYLOAD);
        segment.putInt(0, Integer.MAX_VALUE);

        assertThat(WalRecord.read(segment, 0, 7).invalid()).isTrue();
    }
}
