package io.spaxos.server.simple;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.server.testing.LineClient;
import io.spaxos.server.testing.Ports;
import io.spaxos.server.testing.ProcessCluster;
import io.spaxos.server.testing.ProcessClusters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends far more than it reads must not run a replica out of memory: replies wait
 * in order behind pending proposals, and the replica's heap is 256 MB (SpaxosBin.DEFAULT_JAVA_OPTS).
 */
class LinePortFloodIT {

    /** 40 times a million short lines: replies queued for all of them need gigabytes. */
    private static final int FLOOD_CHUNKS = 40;
    private static final byte[] MEGA_LINES = "x\n".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
    /** A GET of a few bytes asks for a reply of 100 KB (a batch holds 128 KB): thousands of them fill the heap. */
    private static final int BIG_VALUE_CHARS = 100 << 10;
    private static final int GETS = 100_000;
    /** Long enough for an unbounded queue to fill the heap, with the proposals' 5 s timeout inside. */
    private static final Duration FLOOD_FOR = Duration.ofSeconds(20);

    @RegisterExtension
    static final ProcessClusters CLUSTERS = new ProcessClusters();

    @TempDir
    static Path dir;

    private static ProcessCluster cluster;
    private static SimpleSvr svr;

    @BeforeAll
    static void startCluster() {
        cluster = CLUSTERS.addForClass(ProcessCluster.builder(dir, Ports.base(Ports.SIMPLE_LINE_PORT_FLOOD, 0)).build())
                .startAll();
        svr = new SimpleSvr(cluster);
    }

    @Test
    void a_client_that_never_reads_its_replies_cannot_exhaust_the_replicas_memory() throws Exception {
        final int target = svr.awaitMaster(cluster.ids());
        final long big = svr.propChosen(target, "big", "v".repeat(BIG_VALUE_CHARS));
        svr.awaitApplied(List.of(target), Map.of(big, new SimpleSvr.Entry("big", "")), SimpleSvr.CONVERGE);
        final byte[] gets = ("GET " + big + "\n").repeat(GETS).getBytes(StandardCharsets.US_ASCII);

        final long sent = flood(target, gets, new byte[0], () -> {
            // Meanwhile, another client's proposal is chosen: the flood does not starve the replica.
            assertThat(svr.propChosen(target, "during-flood", "v")).isPositive();
        });

        System.out.printf("sent %d of %d bytes of GETs of a %d KB entry to replica %d without reading%n", sent,
                gets.length, BIG_VALUE_CHARS >> 10, target);
        assertHealthy(target);
        assertThat(svr.propChosen(target, "after-flood", "v")).isPositive();
    }

    @Test
    void a_client_that_floods_behind_proposals_without_a_majority_cannot_exhaust_the_replicas_memory()
            throws Exception {
        final int survivor = svr.awaitMaster(cluster.ids());
        final List<Integer> down = cluster.ids().stream().filter(id -> id != survivor).toList();
        down.forEach(cluster::kill);
        final StringBuilder props = new StringBuilder();
        for (int i = 0; i < LineProtocolHandler.MAX_PENDING_PER_CONNECTION; i++) {
            props.append("PROP flood-").append(i).append(" v\n");
        }

        final long sent = flood(survivor, props.toString().getBytes(StandardCharsets.US_ASCII), MEGA_LINES,
                () -> assertThat(svr.status(survivor).failed()).isFalse());

        System.out.printf("sent %d MB of lines to replica %d behind %d pending proposals%n", sent >> 20, survivor,
                LineProtocolHandler.MAX_PENDING_PER_CONNECTION);
        assertHealthy(survivor);
        cluster.startAll();
        svr.awaitMaster(cluster.ids());
        assertThat(svr.propChosen(survivor, "after-flood-behind-proposals", "v")).isPositive();
    }

    /**
     * Sends {@code first}, then {@code chunk} up to {@link #FLOOD_CHUNKS} times, never reading, for
     * at most {@link #FLOOD_FOR}, with {@code meanwhile} run half way; the bytes that went out.
     */
    private static long flood(int id, byte[] first, byte[] chunk, Check meanwhile) throws Exception {
        final AtomicLong sent = new AtomicLong();
        final LineClient client = LineClient.connect(cluster.clientPort(id));
        final Thread sender = new Thread(() -> {
            try {
                client.sendRaw(first);
                sent.addAndGet(first.length);
                for (int i = 0; i < FLOOD_CHUNKS && chunk.length > 0; i++) {
                    client.sendRaw(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException closed) {
                // The test closed the socket after FLOOD_FOR, or the replica did.
            }
        }, "flood-" + id);
        sender.start();
        try {
            // The flood runs for a while before the check, so that it is under way.
            sender.join(FLOOD_FOR.toMillis() / 2);
            meanwhile.run();
            sender.join(FLOOD_FOR.toMillis() / 2);
        } finally {
            client.close();
            sender.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(sender.isAlive()).as("the flood thread ended").isFalse();
        return sent.get();
    }

    /** A check run while the flood is on. */
    private interface Check {
        void run() throws Exception;
    }

    private static void assertHealthy(int id) throws Exception {
        assertThat(cluster.isRunning(id)).isTrue();
        final StatusLine status = svr.status(id);
        assertThat(status.failed()).as("replica %d: %s", id, status.line()).isFalse();
        assertThat(cluster.log(id)).doesNotContain("OutOfMemoryError");
    }
}
