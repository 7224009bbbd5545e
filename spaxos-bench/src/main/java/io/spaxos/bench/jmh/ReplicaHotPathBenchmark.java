package io.spaxos.bench.jmh;

import io.spaxos.core.Bytes;
import io.spaxos.core.Proposal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The core's hot path with no I/O: a master takes {@code proposals} proposals, and ready() /
 * Accept / Accepted / ready() runs until they are all chosen and answered. The score is proposals
 * per second through the protocol logic alone, the ceiling the node's state-machine thread can
 * reach on one core.
 *
 * <pre>bin/spaxos-bench jmh ReplicaHotPath</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReplicaHotPathBenchmark {

    /** Proposals submitted before each drain: 1 is one client in lock-step, 64 a busy master's batch. */
    @Param({"1", "64"})
    public int proposals;

    @Param({"256"})
    public int valueBytes;

    private static final int DISTINCT_REQIDS = 1 << 16;

    private InMemoryMaster master;
    private Proposal[] pool;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        master = new InMemoryMaster();
        final byte[] value = new byte[valueBytes];
        pool = new Proposal[DISTINCT_REQIDS];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Proposal("client-" + (i % 64) + "-req-" + i, Bytes.copyOf(value));
        }
    }

    @Benchmark
    public void proposeUntilChosen(Blackhole bh) {
        for (int i = 0; i < proposals; i++) {
            master.propose(pool[next]);
            next = (next + 1) & (DISTINCT_REQIDS - 1);
        }
        master.drain();
        bh.consume(master.chosen());
        bh.consume(master.outcomes());
    }
}
