package io.spaxos.bench.jmh;

import io.spaxos.core.Ballot;
import io.spaxos.core.Batch;
import io.spaxos.core.Bytes;
import io.spaxos.core.HardState;
import io.spaxos.core.LogStorage;
import io.spaxos.core.Proposal;
import io.spaxos.node.storage.RocksLogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The storage thread's unit of work: {@link RocksLogStorage#writeDurably} of {@code states}
 * accepted instances, each a batch of {@code proposalsPerInstance} 256-byte proposals: one
 * write-ahead-log append with fdatasync and one RocksDB memtable write. The score is the time of one
 * durable batch; comparing it with the fdatasync probe of bin/spaxos-bench shows how much the
 * storage code adds to the disk's own sync. A fresh directory starts on a sparse log segment, so
 * runs shorter than one 32 MiB segment measure the append path, not the recycled one.
 *
 * <pre>bin/spaxos-bench jmh StorageBatchWrite</pre>
 *
 * The data directory is under java.io.tmpdir (-Djava.io.tmpdir=... in the JMH jvmArgs to move it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class StorageBatchWriteBenchmark {

    @Param({"1", "16", "128"})
    public int states;

    @Param({"1", "16"})
    public int proposalsPerInstance;

    private Path dir;
    private RocksLogStorage storage;
    private Batch value;
    private long nextIndex = 1;

    @Setup(Level.Trial)
    public void setUp() throws IOException, LogStorage.StorageException {
        dir = Files.createTempDirectory("spaxos-jmh-storage");
        storage = RocksLogStorage.open(dir, "jmh", 1);
        final List<Proposal> proposals = new ArrayList<>();
        for (int i = 0; i < proposalsPerInstance; i++) {
            proposals.add(new Proposal("client-" + i + "-req-" + i, Bytes.copyOf(new byte[256])));
        }
        value = new Batch(proposals);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        storage.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public void writeDurably() throws LogStorage.StorageException {
        final List<HardState> batch = new ArrayList<>(states);
        for (int i = 0; i < states; i++) {
            batch.add(new HardState.Instance(nextIndex++, new Ballot(1, 1), value, HardState.Instance.NOT_APPLIED));
        }
        storage.writeDurably(batch);
    }
}
