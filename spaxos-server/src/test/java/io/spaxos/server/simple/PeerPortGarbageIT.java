package io.spaxos.server.simple;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.node.config.ConfigLoader;
import io.spaxos.node.wire.Handshake;
import io.spaxos.server.testing.LineClient;
import io.spaxos.server.testing.Ports;
import io.spaxos.server.testing.ProcessCluster;
import io.spaxos.server.testing.ProcessClusters;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bytes that no spaxos peer sends, on a running replica's peer port. */
class PeerPortGarbageIT {

    /** A connection with no handshake is closed after 5 s (InboundHandler); plus slack for a loaded machine. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(20);

    @RegisterExtension
    final ProcessClusters clusters = new ProcessClusters();

    @TempDir
    Path dir;

    @Test
    void garbage_on_a_peer_port_closes_that_connection_and_the_replicas_keep_choosing() throws Exception {
        final ProcessCluster cluster = clusters.add(ProcessCluster.builder(dir,
                Ports.base(Ports.SIMPLE_PEER_PORT_GARBAGE, 0)).build()).startAll();
        final SimpleSvr svr = new SimpleSvr(cluster);
        final int master = svr.awaitMaster(cluster.ids());
        final int follower = cluster.ids().stream().filter(id -> id != master).findFirst().orElseThrow();
        final String clusterId = ConfigLoader.load(cluster.spec(1).configFile()).clusterId();
        final long seed = System.nanoTime();
        System.out.println("random garbage seed " + seed);

        final Map<String, String> stillOpen = new TreeMap<>();
        final Map<Long, SimpleSvr.Entry> chosen = new TreeMap<>();
        int n = 0;
        final Map<String, byte[]> cases = garbage(new Random(seed), clusterId, master);
        for (final Map.Entry<String, byte[]> garbage : cases.entrySet()) {
            for (final int target : List.of(master, follower)) {
                final long startNs = System.nanoTime();
                try (LineClient peer = LineClient.connect(cluster.spec(target).peerPort())) {
                    peer.sendRaw(garbage.getValue());
                    if (!peer.closedByPeer(CLOSED_WITHIN)) {
                        stillOpen.put(garbage.getKey() + " to replica " + target, "open after " + CLOSED_WITHIN);
                    }
                } catch (IOException resetWhileSending) {
                    // The replica closed the connection before it read all of the garbage: closed, as it should.
                }
                System.out.printf("%s to replica %d: closed after %d ms%n", garbage.getKey(), target,
                        (System.nanoTime() - startNs) / 1_000_000);
                final String reqid = "after-garbage-" + n++;
                chosen.put(svr.propChosen(target, reqid, reqid), new SimpleSvr.Entry(reqid, reqid));
            }
        }

        assertThat(stillOpen).as("connections the replica did not close").isEmpty();
        assertThat(svr.awaitApplied(cluster.ids(), chosen, SimpleSvr.CONVERGE)).isTrue();
        assertThat(svr.mismatches(cluster.ids(), chosen)).isEmpty();
        for (final int id : cluster.ids()) {
            assertThat(svr.status(id).failed()).as("replica %d reports a failure", id).isFalse();
            assertThat(cluster.isRunning(id)).isTrue();
            // InboundHandler's contract: one warning line per bad connection, never a stack trace.
            assertThat(cluster.log(id).lines()).as("replica %d's log", id).noneMatch(line -> line.startsWith("\tat "));
        }
        assertThat(cluster.log(master).lines().filter(line -> line.contains("closing connection from")).count())
                .as("one warning per bad connection to the master").isGreaterThanOrEqualTo(cases.size());
    }

    /** Named byte strings, each sent on a fresh connection. */
    private static Map<String, byte[]> garbage(Random random, String clusterId, int master) throws IOException {
        final Map<String, byte[]> cases = new LinkedHashMap<>();
        final byte[] noise = new byte[4096];
        random.nextBytes(noise);
        cases.put("random bytes", noise);
        cases.put("length prefix 2^31-1", frameHeader(Integer.MAX_VALUE, 64));
        cases.put("length prefix -1", frameHeader(-1, 64));
        cases.put("length prefix of 65 MiB, over the frame limit", frameHeader(65 << 20, 64));
        cases.put("an empty frame", frameHeader(0, 0));
        cases.put("an HTTP request", "GET / HTTP/1.1\r\nHost: spaxos\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        final int otherNode = master == 1 ? 2 : 1;
        cases.put("a handshake from another cluster", frame(new Handshake("not-" + clusterId, otherNode,
                Handshake.PROTOCOL_VERSION).encode()));
        cases.put("a handshake from an unknown node", frame(new Handshake(clusterId, 99, Handshake.PROTOCOL_VERSION).encode()));
        final List<byte[]> handshakeThenNoise = new ArrayList<>();
        handshakeThenNoise.add(frame(new Handshake(clusterId, otherNode, Handshake.PROTOCOL_VERSION).encode()));
        // 0xFF bytes are a varint that never ends: no protobuf parser takes them for a message.
        final byte[] badMessage = new byte[256];
        Arrays.fill(badMessage, (byte) 0xFF);
        handshakeThenNoise.add(frame(badMessage));
        cases.put("a valid handshake, then a malformed message", concat(handshakeThenNoise));
        return cases;
    }

    private static byte[] frameHeader(int length, int bodyBytes) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(length);
        out.write(new byte[bodyBytes]);
        return bytes.toByteArray();
    }

    private static byte[] frame(byte[] payload) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(payload.length);
        out.write(payload);
        return bytes.toByteArray();
    }

    private static byte[] concat(List<byte[]> parts) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        parts.forEach(bytes::writeBytes);
        return bytes.toByteArray();
    }
}
