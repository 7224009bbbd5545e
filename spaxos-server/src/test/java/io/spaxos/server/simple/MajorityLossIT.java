package io.spaxos.server.simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spaxos.server.testing.LineClient;
import io.spaxos.server.testing.Ports;
import io.spaxos.server.testing.ProcessCluster;
import io.spaxos.server.testing.ProcessClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two of three simplesvr processes killed: no majority, so nothing may be chosen until one returns. */
class MajorityLossIT {

    /** The proposal timeout plus slack for a loaded machine: a clear answer, not a hang. */
    private static final Duration ERR_WITHIN = SimpleSvr.PROPOSAL_TIMEOUT.plusSeconds(10);

    @RegisterExtension
    final ProcessClusters clusters = new ProcessClusters();

    @TempDir
    Path dir;

    @Test
    void with_the_master_and_one_follower_down_a_proposal_to_the_survivor_gets_an_error_and_progress_resumes_when_one_returns()
            throws Exception {
        run(Ports.base(Ports.SIMPLE_MAJORITY_LOSS, 0), false);
    }

    @Test
    void with_both_followers_down_a_proposal_to_the_master_gets_an_error_and_progress_resumes_when_one_returns()
            throws Exception {
        run(Ports.base(Ports.SIMPLE_MAJORITY_LOSS, 1), true);
    }

    private void run(int basePort, boolean masterSurvives) throws Exception {
        final ProcessCluster cluster = clusters.add(ProcessCluster.builder(dir, basePort).build()).startAll();
        final SimpleSvr svr = new SimpleSvr(cluster);
        final int master = svr.awaitMaster(cluster.ids());
        final Map<Long, SimpleSvr.Entry> chosen = new TreeMap<>();
        chosen.put(svr.propChosen(master, "before", "while all three run"), new SimpleSvr.Entry("before", "while all three run"));

        final int survivor = masterSurvives ? master : cluster.ids().stream().filter(id -> id != master).findFirst().orElseThrow();
        final List<Integer> down = cluster.ids().stream().filter(id -> id != survivor).toList();
        down.forEach(cluster::kill);

        final long startNs = System.nanoTime();
        final String reply;
        try (LineClient client = LineClient.connect(cluster.clientPort(survivor), ERR_WITHIN)) {
            reply = client.call("PROP lonely value-without-a-majority");
        }
        final Duration took = Duration.ofNanos(System.nanoTime() - startNs);
        System.out.printf("survivor %d (master was %d) answered '%s' after %d ms%n", survivor, master, reply,
                took.toMillis());
        assertThat(reply).startsWith("ERR ");
        assertThat(took).isLessThan(ERR_WITHIN);

        cluster.start(down.get(0));
        final int attempts = awaitChosen(svr, survivor, chosen);
        System.out.printf("after replica %d restarted, a proposal was chosen on attempt %d%n", down.get(0), attempts);
        final List<Integer> running = List.of(survivor, down.get(0));
        assertThat(svr.awaitApplied(running, chosen, SimpleSvr.CONVERGE)).isTrue();
        assertThat(svr.mismatches(running, chosen)).isEmpty();
        final long lastEntry = svr.status(survivor).entries();
        final boolean lonelyInLog = svr.getAll(survivor, LongStream.rangeClosed(1, lastEntry).boxed().toList()).values()
                .stream().anyMatch(entry -> entry.isPresent() && entry.get().reqid().equals("lonely"));
        System.out.printf("the unanswerable proposal is %sin the log of %d entries%n", lonelyInLog ? "" : "not ", lastEntry);
        if (reply.startsWith("ERR not chosen")) {
            // A definite "not chosen" must stay true; a timeout ("ERR timeout") may go either way.
            assertThat(lonelyInLog).as("a proposal answered 'not chosen' is in the log").isFalse();
        }
    }

    /** Proposes to {@code id} until one is chosen (a new master may take an election or two); the attempts it took. */
    private static int awaitChosen(SimpleSvr svr, int id, Map<Long, SimpleSvr.Entry> chosen) {
        final AtomicInteger attempt = new AtomicInteger();
        await("a proposal to replica " + id + " is chosen").atMost(SimpleSvr.CONVERGE).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    final String reqid = "after-" + attempt.incrementAndGet();
                    final String reply = svr.call(id, "PROP " + reqid + " " + reqid);
                    if (reply.startsWith("CHOSEN ")) {
                        chosen.put(Long.parseLong(reply.split(" ")[1]), new SimpleSvr.Entry(reqid, reqid));
                        return true;
                    }
                    return false;
                });
        return attempt.get();
    }
}
