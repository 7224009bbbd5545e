package io.spaxos.server.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RecentRequestsTest {

    /** The plain definition: a set of the last {@code capacity} reqids, each kept as it is. */
    private static final class Reference {
        private final int capacity;
        private final ArrayDeque<String> order = new ArrayDeque<>();
        private final HashSet<String> members = new HashSet<>();

        Reference(int capacity) {
            this.capacity = capacity;
        }

        boolean add(String reqid) {
            if (!members.add(reqid)) {
                return false;
            }
            order.addLast(reqid);
            if (order.size() > capacity) {
                members.remove(order.removeFirst());
            }
            return true;
        }
    }

    @Property(tries = 500)
    void answers_exactly_as_a_set_of_the_last_n_reqids(@ForAll @IntRange(min = 1, max = 12) int capacity,
                                                       @ForAll("reqidRuns") List<String> reqids) {
        final RecentRequests recent = new RecentRequests(capacity);
        final Reference reference = new Reference(capacity);
        for (final String reqid : reqids) {
            assertThat(recent.add(reqid)).as("add(%s) after %s", reqid, reqids).isEqualTo(reference.add(reqid));
            assertThat(recent.size()).isEqualTo(reference.order.size());
        }
    }

    /**
     * Reqids built to collide if the packing were inexact: few prefixes (some ending in a digit,
     * one empty), small sequences with and without leading zeros, sequences at and past the packed
     * limit, and arbitrary strings; short runs repeat them often within a small window.
     */
    @Provide
    Arbitrary<List<String>> reqidRuns() {
        final Arbitrary<String> prefix = Arbitraries.of("kv.1.abc.", "kv.2.abc.", "", "x", "x0", "kv.1.abc.0");
        final Arbitrary<String> sequence = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 20).map(n -> "" + n),
                Arbitraries.integers().between(0, 20).map(n -> "0" + n),
                Arbitraries.of(Long.toString((1L << RecentRequests.SEQUENCE_BITS) - 1),
                        Long.toString(1L << RecentRequests.SEQUENCE_BITS), "99999999999999999999"));
        final Arbitrary<String> shaped = Combinators.combine(prefix, sequence).as(String::concat);
        final Arbitrary<String> any = Arbitraries.strings().withChars("ab09.").ofMaxLength(4);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, shaped), net.jqwik.api.Tuple.of(2, any)).list().ofMaxSize(60);
    }

    @Test
    void a_reqid_is_a_duplicate_until_capacity_newer_ones_pushed_it_out() {
        final RecentRequests recent = new RecentRequests(3);
        assertThat(recent.add("kv.1.a.1")).isTrue();
        assertThat(recent.add("kv.1.a.1")).isFalse();
        recent.add("kv.1.a.2");
        recent.add("kv.2.b.7");
        assertThat(recent.add("kv.1.a.1")).as("still one of the last three").isFalse();
        recent.add("other");

        assertThat(recent.add("kv.1.a.1")).as("pushed out by three newer ones").isTrue();
    }

    @Test
    void reqids_that_differ_only_in_leading_zeros_or_a_digit_in_the_prefix_are_different() {
        final RecentRequests recent = new RecentRequests(10);
        assertThat(recent.add("r.7")).isTrue();
        assertThat(recent.add("r.07")).isTrue();
        assertThat(recent.add("r.007")).isTrue();
        assertThat(recent.add("r0.7")).isTrue();
        assertThat(recent.add("7")).isTrue();
        assertThat(recent.add("07")).isTrue();
        assertThat(recent.add("r.07")).isFalse();
    }

    @Test
    void where_a_sequence_starts() {
        assertThat(RecentRequests.sequenceStart("kv.1.x9.42")).isEqualTo(8);
        assertThat(RecentRequests.sequenceStart("42")).isZero();
        assertThat(RecentRequests.sequenceStart("kv.1.x.042")).as("leading zero").isEqualTo(-1);
        assertThat(RecentRequests.sequenceStart("kv.")).isEqualTo(-1);
        assertThat(RecentRequests.sequenceStart("")).isEqualTo(-1);
        assertThat(RecentRequests.sequenceStart("a" + ((1L << RecentRequests.SEQUENCE_BITS) - 1))).isEqualTo(1);
        assertThat(RecentRequests.sequenceStart("a" + (1L << RecentRequests.SEQUENCE_BITS))).isEqualTo(-1);
        assertThat(RecentRequests.sequenceStart("a" + "1".repeat(30))).isEqualTo(-1);
    }

    @Test
    void capacity_is_checked() {
        assertThatThrownBy(() -> new RecentRequests(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentRequests(RecentRequests.MAX_CAPACITY + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
