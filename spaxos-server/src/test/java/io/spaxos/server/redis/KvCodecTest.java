package io.spaxos.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.core.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KvCodecTest {

    private static Bytes b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void every_command_survives_encoding_and_decoding() {
        final List<KvCommand> commands = List.of(
                new KvCommand.Get(b("k")),
                new KvCommand.Set(b("k"), b("v"), KvCommand.Condition.ALWAYS, null, false),
                new KvCommand.Set(b("k"), Bytes.EMPTY, KvCommand.Condition.NX, null, true),
                new KvCommand.Set(b("k"), b("v"), KvCommand.Condition.XX, null, false),
                new KvCommand.Set(b("k"), b("v"), KvCommand.Condition.IFEQ, b("old"), true),
                new KvCommand.Del(List.of(b("a"), b("b"))),
                new KvCommand.Exists(List.of(b("a"))),
                new KvCommand.IncrBy(b("n"), Long.MIN_VALUE),
                new KvCommand.IncrBy(b("n"), Long.MAX_VALUE),
                new KvCommand.IncrBy(b("n"), -1),
                new KvCommand.Append(b("k"), b("more")),
                new KvCommand.Strlen(b("k")),
                new KvCommand.MGet(List.of(b("a"), b("b"))),
                new KvCommand.MSet(List.of(b("a"), b("1"), b("b"), b("2"))),
                new KvCommand.DbSize(),
                new KvCommand.Digest());

        final List<KvCommand> decoded = KvCodec.decode(Bytes.wrap(KvCodec.encode(commands))).orElseThrow();

        // Records compare Bytes by value, so equal lists mean an exact round trip.
        assertThat(decoded).isEqualTo(commands);
    }

    @Test
    void a_value_written_by_the_line_protocol_is_never_a_key_value_entry() {
        // PROP values are UTF-8 text, in which the format byte 0xF7 cannot occur.
        assertThat(KvCodec.decode(Bytes.utf8("\u00f7 looks close"))).isEmpty();
        assertThat(new String(new byte[] {(byte) KvCodec.FORMAT_V1}, StandardCharsets.UTF_8)).isEqualTo("\ufffd");
    }

    @Test
    void random_and_corrupted_values_decode_to_nothing_or_to_commands_without_throwing() {
        final Random random = new Random(42);
        final byte[] good = KvCodec.encode(List.of(new KvCommand.MSet(List.of(b("a"), b("1"))), new KvCommand.Get(b("a"))));
        for (int i = 0; i < 20_000; i++) {
            final byte[] value;
            if (i % 2 == 0) {
                value = new byte[random.nextInt(40)];
                random.nextBytes(value);
                if (value.length > 0) {
                    value[0] = (byte) KvCodec.FORMAT_V1;
                }
            } else {
                value = good.clone();
                value[random.nextInt(value.length)] = (byte) random.nextInt(256);
            }
            KvCodec.decode(Bytes.wrap(value)); // must not throw
        }
        assertThat(KvCodec.decode(Bytes.wrap(good))).isPresent();
    }
}
