package io.spaxos.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.node.config.ReadMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {

    private final FakeReplica replica = new FakeReplica();
    private final Commands commands = new Commands(ReadMode.LINEARIZABLE, replica.kv,
            new ServerCommands(new Info(replica, replica.kv, ReadMode.LINEARIZABLE)));
    private final Session session = new Session("test");

    private Action dispatch(String... args) {
        final List<byte[]> bytes = new ArrayList<>();
        for (final String a : args) {
            bytes.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return commands.dispatch(bytes, session);
    }

    /** The RESP text of a command answered without the log. */
    private String reply(String... args) {
        final Action action = dispatch(args);
        if (action instanceof Action.Now now) {
            return Resp.encoded(now.reply());
        }
        if (action instanceof Action.Later later) {
            return Resp.encoded(later.reply().get());
        }
        if (action instanceof Action.Close close) {
            return Resp.encoded(close.reply()) + "<close>";
        }
        throw new AssertionError("goes to the log: " + action);
    }

    private KvCommand logged(String... args) {
        return ((Action.Log) dispatch(args)).command();
    }

    @Test
    void set_options_become_the_logged_condition() {
        assertThat(logged("set", "k", "v", "nx")).isEqualTo(new KvCommand.Set(b("k"), b("v"), KvCommand.Condition.NX, null, false));
        assertThat(logged("SET", "k", "v", "XX", "GET"))
                .isEqualTo(new KvCommand.Set(b("k"), b("v"), KvCommand.Condition.XX, null, true));
        assertThat(logged("SET", "k", "v", "IFEQ", "old", "KEEPTTL"))
                .isEqualTo(new KvCommand.Set(b("k"), b("v"), KvCommand.Condition.IFEQ, b("old"), false));
    }

    @Test
    void conflicting_or_unknown_set_options_are_a_syntax_error() {
        for (final String[] bad : List.of(new String[] {"SET", "k", "v", "NX", "XX"},
                new String[] {"SET", "k", "v", "IFEQ", "a", "NX"}, new String[] {"SET", "k", "v", "XX", "IFEQ", "a"},
                new String[] {"SET", "k", "v", "IFEQ"}, new String[] {"SET", "k", "v", "BOGUS"})) {
            assertThat(reply(bad)).as(String.join(" ", bad)).isEqualTo("-ERR syntax error\r\n");
        }
    }

    @Test
    void set_with_an_expiry_is_refused_clearly() {
        assertThat(reply("SET", "k", "v", "EX", "10")).isEqualTo(
                "-ERR SET EX: key expiry is not supported by spaxos (keys never expire)\r\n");
    }

    @Test
    void incrby_with_a_bad_number_and_decrby_of_the_smallest_integer_are_refused_before_the_log() {
        assertThat(reply("INCRBY", "n", "1.5")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(reply("DECRBY", "n", "-9223372036854775808")).isEqualTo("-ERR decrement would overflow\r\n");
        assertThat(logged("DECRBY", "n", "5")).isEqualTo(new KvCommand.IncrBy(b("n"), -5));
    }

    @Test
    void mset_with_a_key_but_no_value_is_a_wrong_arity_error() {
        assertThat(reply("MSET", "a", "1", "b")).isEqualTo("-ERR wrong number of arguments for 'mset' command\r\n");
    }

    @Test
    void only_database_zero_can_be_selected() {
        assertThat(reply("SELECT", "0")).isEqualTo("+OK\r\n");
        assertThat(reply("SELECT", "1")).startsWith("-ERR DB index is out of range");
        assertThat(reply("SELECT", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    }

    @Test
    void hello_2_is_accepted_and_hello_3_is_noproto() {
        assertThat(reply("HELLO", "2", "SETNAME", "me")).startsWith("*14\r\n$6\r\nserver\r\n$6\r\nspaxos\r\n");
        assertThat(reply("CLIENT", "GETNAME")).isEqualTo("$2\r\nme\r\n");
        assertThat(reply("HELLO", "3")).startsWith("-NOPROTO ");
        assertThat(reply("HELLO", "x")).isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
    }

    @Test
    void what_redis_cli_and_redis_benchmark_ask_at_start_is_answered() {
        assertThat(reply("COMMAND", "DOCS")).isEqualTo("*0\r\n");
        assertThat(reply("COMMAND")).isEqualTo("*0\r\n");
        assertThat(reply("COMMAND", "COUNT")).isEqualTo(":" + Commands.SPECS.size() + "\r\n");
        assertThat(reply("CONFIG", "GET", "save")).isEqualTo("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
        assertThat(reply("CONFIG", "GET", "appendonly")).isEqualTo("*2\r\n$10\r\nappendonly\r\n$3\r\nyes\r\n");
        assertThat(reply("CONFIG", "GET", "no-such-thing")).isEqualTo("*0\r\n");
        assertThat(reply("CLIENT", "SETNAME", "bench")).isEqualTo("+OK\r\n");
        assertThat(reply("CLIENT", "SETINFO", "LIB-NAME", "x")).isEqualTo("+OK\r\n");
        assertThat(reply("CONFIG", "NOPE")).isEqualTo("-ERR unknown subcommand 'NOPE'. Try CONFIG HELP.\r\n");
    }

    @Test
    void info_has_a_replication_section_with_the_replica_the_master_and_the_indexes() {
        final String info = reply("INFO", "replication");

        assertThat(info).contains("# Replication\r\n", "spaxos_replica_id:1\r\n", "spaxos_master_id:1\r\n",
                "spaxos_chosen_index:", "spaxos_applied_index:", "spaxos_read_mode:linearizable\r\n");
        assertThat(info).doesNotContain("# Server");
    }

    @Test
    void client_names_with_spaces_are_refused() {
        assertThat(reply("CLIENT", "SETNAME", "a b")).startsWith("-ERR Client names cannot contain spaces");
    }

    @Test
    void error_text_never_contains_a_line_break() {
        assertThat(Resp.encoded(Reply.error("ERR one\r\ntwo"))).isEqualTo("-ERR one  two\r\n");
    }

    private static io.spaxos.core.Bytes b(String s) {
        return io.spaxos.core.Bytes.utf8(s);
    }
}
