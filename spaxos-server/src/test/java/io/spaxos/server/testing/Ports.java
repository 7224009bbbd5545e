package io.spaxos.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocks of {@link ProcessCluster#PORTS_PER_CLUSTER} loopback ports for process-cluster tests:
 * each test class has a slot of 5 blocks, below 32768 where Linux starts its ephemeral ports.
 *
 * <p>A block is claimed for the life of the test JVM with a lock file, and only if none of its
 * ports is in use: two builds of one checkout running the same tests at once (or a benchmark, or
 * a demo, on these ports) then get different blocks instead of talking to each other's replicas.
 * When the preferred block is taken, the next free one in the range is used.
 */
public final class Ports {

    private static final int FIRST = 23_000;
    private static final int PER_CLASS = 100;
    private static final int BLOCKS_PER_CLASS = PER_CLASS / ProcessCluster.PORTS_PER_CLUSTER;
    /** 23000..24999: 25000..25999 belong to spaxos-jepsen's tests, which may run at the same time. */
    private static final int CLASS_SLOTS = 20;
    private static final int BLOCKS = CLASS_SLOTS * BLOCKS_PER_CLASS;
    private static final Path LOCK_DIR = Path.of(System.getProperty("java.io.tmpdir"), "spaxos-test-ports");

    /** Slots 0..9 are simplesvr's tests; the Redis server's tests take 10..19. */
    public static final int SIMPLE_CLUSTER = 0;
    public static final int SIMPLE_MASTER_CRASH = 1;
    public static final int SIMPLE_MAJORITY_LOSS = 2;
    public static final int SIMPLE_KILL_ALL_LOOP = 3;
    public static final int SIMPLE_PEER_PORT_GARBAGE = 4;
    public static final int SIMPLE_LINE_PORT = 5;
    public static final int SIMPLE_FOREIGN_DATA = 6;
    public static final int SIMPLE_BAD_CONFIG = 7;
    public static final int SIMPLE_LINE_PORT_FLOOD = 8;
    public static final int MAX_CLASS_SLOT = CLASS_SLOTS - 1;

    /** Claimed blocks by {@code classSlot * BLOCKS_PER_CLASS + cluster}: asking again gives the same base. */
    private static final Map<Integer, Integer> CLAIMED = new HashMap<>();
    /** Held until the JVM exits, which releases them even after a crash. */
    private static final List<FileChannel> LOCKS = new ArrayList<>();

    private Ports() {
    }

    /**
     * The base port of cluster {@code cluster} (0..4) of test class {@code classSlot}: its
     * preferred block, or the next free one. The same arguments give the same base within a JVM.
     */
    public static synchronized int base(int classSlot, int cluster) {
        if (classSlot < 0 || classSlot > MAX_CLASS_SLOT || cluster < 0 || cluster >= BLOCKS_PER_CLASS) {
            throw new IllegalArgumentException("class slot " + classSlot + " (0.." + MAX_CLASS_SLOT + "), cluster "
                    + cluster + " (0.." + (BLOCKS_PER_CLASS - 1) + ")");
        }
        final int preferred = classSlot * BLOCKS_PER_CLASS + cluster;
        final Integer known = CLAIMED.get(preferred);
        if (known != null) {
            return known;
        }
        for (int i = 0; i < BLOCKS; i++) {
            final int base = FIRST + ProcessCluster.PORTS_PER_CLUSTER * ((preferred + i) % BLOCKS);
            if (!CLAIMED.containsValue(base) && claim(base)) {
                CLAIMED.put(preferred, base);
                return base;
            }
        }
        throw new IllegalStateException("no free block of " + ProcessCluster.PORTS_PER_CLUSTER + " ports in "
                + FIRST + ".." + (FIRST + BLOCKS * ProcessCluster.PORTS_PER_CLUSTER - 1));
    }

    private static boolean claim(int base) {
        FileChannel channel = null;
        try {
            Files.createDirectories(LOCK_DIR);
            channel = FileChannel.open(LOCK_DIR.resolve(base + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (lock != null && allFree(base)) {
                LOCKS.add(channel);
                return true;
            }
        } catch (IOException | OverlappingFileLockException e) {
            // Taken, or not lockable: try the next block.
        }
        closeQuietly(channel);
        return false;
    }

    /** Every port of the block can be listened on now (as the servers do, with SO_REUSEADDR). */
    private static boolean allFree(int base) {
        for (int port = base; port < base + ProcessCluster.PORTS_PER_CLUSTER; port++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing releases the lock, if any; nothing else to do.
            }
        }
    }
}
