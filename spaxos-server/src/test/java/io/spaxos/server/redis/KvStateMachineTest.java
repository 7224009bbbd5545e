package io.spaxos.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.core.Bytes;
import io.spaxos.core.ChosenEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvStateMachineTest {

    private final KvStateMachine kv = new KvStateMachine();
    private long nextEntry = 1;

    /** Applies one command as its own entry with a fresh reqid and returns its answer. */
    private Reply apply(KvCommand command) {
        final List<Reply> answers = applyEntry("r" + nextEntry, List.of(command));
        return answers.get(0);
    }

    private List<Reply> applyEntry(String reqid, List<KvCommand> commands) {
        return kv.apply(new ChosenEntry(nextEntry++, 1, reqid, Bytes.wrap(KvCodec.encode(commands))));
    }

    private static Bytes b(String s) {
        return Bytes.utf8(s);
    }

    private static KvCommand.Set set(String key, String value, KvCommand.Condition condition, String expected,
                                     boolean get) {
        return new KvCommand.Set(b(key), b(value), condition, expected == null ? null : b(expected), get);
    }

    private String get(String key) {
        final Reply r = apply(new KvCommand.Get(b(key)));
        return r instanceof Reply.Bulk bulk ? bulk.bytes().utf8() : null;
    }

    @Test
    void set_then_get_returns_the_value_and_a_missing_key_is_nil() {
        assertThat(apply(set("a", "1", KvCommand.Condition.ALWAYS, null, false))).isEqualTo(Reply.OK);

        assertThat(get("a")).isEqualTo("1");
        assertThat(apply(new KvCommand.Get(b("missing")))).isEqualTo(Reply.NIL);
    }

    @Test
    void set_nx_sets_only_a_missing_key() {
        assertThat(apply(set("a", "1", KvCommand.Condition.NX, null, false))).isEqualTo(Reply.OK);
        assertThat(apply(set("a", "2", KvCommand.Condition.NX, null, false))).isEqualTo(Reply.NIL);

        assertThat(get("a")).isEqualTo("1");
    }

    @Test
    void set_xx_sets_only_an_existing_key() {
        assertThat(apply(set("a", "1", KvCommand.Condition.XX, null, false))).isEqualTo(Reply.NIL);
        assertThat(get("a")).isNull();

        apply(set("a", "1", KvCommand.Condition.ALWAYS, null, false));
        assertThat(apply(set("a", "2", KvCommand.Condition.XX, null, false))).isEqualTo(Reply.OK);
        assertThat(get("a")).isEqualTo("2");
    }

    @Test
    void set_get_returns_the_old_value_whether_or_not_it_set() {
        assertThat(apply(set("a", "1", KvCommand.Condition.ALWAYS, null, true))).isEqualTo(Reply.NIL);
        assertThat(apply(set("a", "2", KvCommand.Condition.ALWAYS, null, true))).isEqualTo(Reply.bulk("1"));
        assertThat(apply(set("a", "3", KvCommand.Condition.NX, null, true))).isEqualTo(Reply.bulk("2"));

        assertThat(get("a")).isEqualTo("2");
    }

    @Test
    void set_ifeq_sets_only_when_the_current_value_equals_the_given_one() {
        apply(set("a", "old", KvCommand.Condition.ALWAYS, null, false));

        assertThat(apply(set("a", "new", KvCommand.Condition.IFEQ, "other", false))).isEqualTo(Reply.NIL);
        assertThat(get("a")).isEqualTo("old");
        assertThat(apply(set("a", "new", KvCommand.Condition.IFEQ, "old", false))).isEqualTo(Reply.OK);
        assertThat(get("a")).isEqualTo("new");
    }

    @Test
    void set_ifeq_never_creates_a_missing_key() {
        assertThat(apply(set("a", "v", KvCommand.Condition.IFEQ, "", false))).isEqualTo(Reply.NIL);
        assertThat(apply(set("a", "v", KvCommand.Condition.IFEQ, "x", true))).isEqualTo(Reply.NIL);

        assertThat(get("a")).isNull();
    }

    @Test
    void set_ifeq_get_returns_the_old_value_and_sets_on_a_match() {
        apply(set("a", "old", KvCommand.Condition.ALWAYS, null, false));

        assertThat(apply(set("a", "new", KvCommand.Condition.IFEQ, "old", true))).isEqualTo(Reply.bulk("old"));
        assertThat(get("a")).isEqualTo("new");
    }

    @Test
    void incr_counts_from_zero_and_decrby_goes_down() {
        assertThat(apply(new KvCommand.IncrBy(b("n"), 1))).isEqualTo(new Reply.Int(1));
        assertThat(apply(new KvCommand.IncrBy(b("n"), 41))).isEqualTo(new Reply.Int(42));
        assertThat(apply(new KvCommand.IncrBy(b("n"), -50))).isEqualTo(new Reply.Int(-8));

        assertThat(get("n")).isEqualTo("-8");
    }

    @Test
    void incr_on_a_value_that_is_not_an_integer_is_an_error_and_changes_nothing() {
        apply(set("a", "x1", KvCommand.Condition.ALWAYS, null, false));
        apply(set("b", " 1", KvCommand.Condition.ALWAYS, null, false));

        assertThat(apply(new KvCommand.IncrBy(b("a"), 1))).isEqualTo(Reply.error("ERR value is not an integer or out of range"));
        assertThat(apply(new KvCommand.IncrBy(b("b"), 1))).isEqualTo(Reply.error("ERR value is not an integer or out of range"));
        assertThat(get("a")).isEqualTo("x1");
    }

    @Test
    void incr_past_the_largest_integer_is_an_overflow_error() {
        apply(set("n", Long.toString(Long.MAX_VALUE), KvCommand.Condition.ALWAYS, null, false));

        assertThat(apply(new KvCommand.IncrBy(b("n"), 1))).isEqualTo(Reply.error("ERR increment or decrement would overflow"));
        assertThat(get("n")).isEqualTo(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void append_strlen_del_exists_mset_mget_and_dbsize_behave_as_in_redis() {
        assertThat(apply(new KvCommand.Append(b("s"), b("ab")))).isEqualTo(new Reply.Int(2));
        assertThat(apply(new KvCommand.Append(b("s"), b("cde")))).isEqualTo(new Reply.Int(5));
        assertThat(apply(new KvCommand.Strlen(b("s")))).isEqualTo(new Reply.Int(5));
        assertThat(apply(new KvCommand.Strlen(b("none")))).isEqualTo(new Reply.Int(0));
        assertThat(apply(new KvCommand.MSet(List.of(b("k1"), b("v1"), b("k2"), b("v2"))))).isEqualTo(Reply.OK);
        assertThat(apply(new KvCommand.MGet(List.of(b("k1"), b("none"), b("k2")))))
                .isEqualTo(new Reply.Array(List.of(Reply.bulk("v1"), Reply.NIL, Reply.bulk("v2"))));
        assertThat(apply(new KvCommand.Exists(List.of(b("k1"), b("k1"), b("none"))))).isEqualTo(new Reply.Int(2));
        assertThat(apply(new KvCommand.DbSize())).isEqualTo(new Reply.Int(3));
        assertThat(apply(new KvCommand.Del(List.of(b("k1"), b("none"), b("s"))))).isEqualTo(new Reply.Int(2));
        assertThat(apply(new KvCommand.DbSize())).isEqualTo(new Reply.Int(1));
    }

    @Test
    void a_group_of_commands_is_applied_in_order_with_one_answer_each() {
        final List<Reply> answers = applyEntry("g", List.of(
                set("a", "1", KvCommand.Condition.ALWAYS, null, false),
                new KvCommand.IncrBy(b("a"), 1),
                new KvCommand.Get(b("a"))));

        assertThat(answers).containsExactly(Reply.OK, new Reply.Int(2), Reply.bulk("2"));
    }

    @Test
    void a_duplicate_entry_of_an_applied_reqid_is_not_applied_again() {
        final List<KvCommand> incr = List.of(new KvCommand.IncrBy(b("n"), 1));
        assertThat(applyEntry("same", incr)).containsExactly(new Reply.Int(1));

        assertThat(applyEntry("same", incr)).isNull();

        assertThat(get("n")).isEqualTo("1");
        assertThat(kv.duplicateEntries()).isEqualTo(1);
    }

    @Test
    void a_reqid_is_remembered_for_exactly_the_bound_of_later_entries() {
        final KvStateMachine small = new KvStateMachine(3);
        final List<KvCommand> incr = List.of(new KvCommand.IncrBy(b("n"), 1));
        long entry = 1;
        for (final String reqid : List.of("a", "b", "c")) {
            small.apply(new ChosenEntry(entry++, 1, reqid, Bytes.wrap(KvCodec.encode(incr))));
        }
        assertThat(small.apply(new ChosenEntry(entry++, 1, "a", Bytes.wrap(KvCodec.encode(incr))))).isNull();

        small.apply(new ChosenEntry(entry++, 1, "d", Bytes.wrap(KvCodec.encode(incr)))); // "a" falls out

        assertThat(small.apply(new ChosenEntry(entry++, 1, "a", Bytes.wrap(KvCodec.encode(incr))))).isNotNull();
        assertThat(small.apply(new ChosenEntry(entry, 1, "c", Bytes.wrap(KvCodec.encode(incr))))).isNull();
    }

    @Test
    void entries_that_are_not_key_value_commands_are_ignored_without_error() {
        apply(set("a", "1", KvCommand.Condition.ALWAYS, null, false));
        final byte[] truncated = KvCodec.encode(List.of(set("a", "2", KvCommand.Condition.ALWAYS, null, false)));

        assertThat(kv.apply(new ChosenEntry(nextEntry++, 1, "prop-1", Bytes.utf8("hello from PROP")))).isNull();
        assertThat(kv.apply(new ChosenEntry(nextEntry++, 1, "x", Bytes.EMPTY))).isNull();
        assertThat(kv.apply(new ChosenEntry(nextEntry++, 1, "y",
                Bytes.wrap(java.util.Arrays.copyOf(truncated, truncated.length - 1))))).isNull();
        assertThat(kv.apply(new ChosenEntry(nextEntry++, 1, "z", Bytes.wrap(new byte[] {(byte) 0xF7, 1, 99})))).isNull();

        assertThat(get("a")).isEqualTo("1");
        assertThat(kv.ignoredEntries()).isEqualTo(4);
    }

    @Test
    void the_digest_depends_on_contents_not_on_the_order_of_writes() {
        final KvStateMachine other = new KvStateMachine();
        apply(set("a", "1", KvCommand.Condition.ALWAYS, null, false));
        apply(set("b", "2", KvCommand.Condition.ALWAYS, null, false));
        other.apply(new ChosenEntry(1, 1, "x", Bytes.wrap(KvCodec.encode(List.of(
                set("b", "2", KvCommand.Condition.ALWAYS, null, false),
                set("a", "1", KvCommand.Condition.ALWAYS, null, false))))));

        final Reply digest = apply(new KvCommand.Digest());
        assertThat(other.readLocally(new KvCommand.Digest())).isEqualTo(digest);
        apply(set("b", "3", KvCommand.Condition.ALWAYS, null, false));
        assertThat(apply(new KvCommand.Digest())).isNotEqualTo(digest);
    }
}
