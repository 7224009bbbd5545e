package io.spaxos.server.simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spaxos.server.testing.LineClient;
import io.spaxos.server.testing.Ports;
import io.spaxos.server.testing.ProcessCluster;
import io.spaxos.server.testing.ProcessClusters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * simplesvr's line port: lines it does not understand each get ERR and the connection goes on;
 * QUIT closes it only after the replies to what came before.
 */
class LinePortIT {

    /** SimpleServer.MAX_LINE_BYTES is 1 MiB. */
    private static final int OVER_LONG_LINE_BYTES = (1 << 20) + 100;

    @RegisterExtension
    static final ProcessClusters CLUSTERS = new ProcessClusters();

    @TempDir
    static Path dir;

    private static ProcessCluster cluster;
    private static SimpleSvr svr;

    @BeforeAll
    static void startCluster() {
        cluster = CLUSTERS.addForClass(ProcessCluster.builder(dir, Ports.base(Ports.SIMPLE_LINE_PORT, 0)).build())
                .startAll();
        svr = new SimpleSvr(cluster);
        svr.awaitMaster(cluster.ids());
    }

    @Test
    void garbage_lines_get_err_and_the_connection_stays_usable() throws Exception {
        final List<String> garbage = List.of("HELLO", "prop", "PROP", "PROP  two-spaces", "GET", "GET abc", "GET -1", "GET 0",
                "GET 99999999999999999999", "PROP " + "r".repeat(300) + " value", "\tPROP tab-first x", "DELETE 1",
                "STATUS?");
        try (LineClient client = LineClient.connect(cluster.clientPort(1))) {
            for (final String line : garbage) {
                assertThat(client.call(line)).as("the answer to '%s'", abbreviate(line)).startsWith("ERR ");
            }
            final byte[] binary = randomLine(new Random(42), 512);
            client.sendRaw(binary);
            assertThat(client.readLine()).as("the answer to 512 random bytes").startsWith("ERR ");

            assertThat(client.call("STATUS")).startsWith("STATUS id=1 ");
            final String reply = client.call("PROP after-garbage still usable");
            assertThat(reply).matches("CHOSEN \\d+ after-garbage");
            final long index = Long.parseLong(reply.split(" ")[1]);
            assertThat(client.call("GET " + index)).isEqualTo("VALUE " + index + " after-garbage still usable");
        }
    }

    @Test
    void an_over_long_line_gets_err_is_not_proposed_and_the_connection_stays_usable() throws Exception {
        try (LineClient client = LineClient.connect(cluster.clientPort(2))) {
            client.send("PROP over-long " + "x".repeat(OVER_LONG_LINE_BYTES));
            assertThat(client.readLine()).startsWith("ERR line longer than");

            assertThat(client.call("STATUS")).startsWith("STATUS id=2 ");
            final String reply = client.call("PROP after-long-line short");
            assertThat(reply).matches("CHOSEN \\d+ after-long-line");
            final long index = Long.parseLong(reply.split(" ")[1]);
            assertThat(svr.getAll(2, LongStream.rangeClosed(1, index).boxed().toList()).values())
                    .as("the log up to the proposal after the over-long line")
                    .noneMatch(entry -> entry.isPresent() && entry.get().reqid().equals("over-long"));
        }
    }

    @Test
    void quit_closes_the_connection_after_the_replies_to_the_commands_pipelined_before_it() throws Exception {
        try (LineClient client = LineClient.connect(cluster.clientPort(3))) {
            client.sendRaw("PROP before-quit v\nSTATUS\nGET 1\nQUIT\nSTATUS\n".getBytes(StandardCharsets.UTF_8));

            assertThat(client.readLine()).matches("CHOSEN \\d+ before-quit");
            assertThat(client.readLine()).startsWith("STATUS id=3 ");
            assertThat(client.readLine()).startsWith("VALUE 1 ");
            assertThatThrownBy(client::readLine).as("closed, with nothing after the GET's reply")
                    .isInstanceOf(LineClient.EndOfStreamException.class);
        }
    }

    @AfterAll
    static void noStackTraces() {
        for (final int id : cluster.ids()) {
            assertThat(cluster.log(id).lines()).as("replica %d's log", id).noneMatch(line -> line.startsWith("\tat "));
        }
    }

    /** Random bytes without line ends, starting with a byte no command starts with; then a newline. */
    private static byte[] randomLine(Random random, int length) {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                bytes[i] = '?';
            }
        }
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(bytes);
        line.write('\n');
        return line.toByteArray();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
