package io.spaxos.bench.cluster;

import io.spaxos.bench.load.Driver;
import io.spaxos.bench.load.ZooKeeperDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.Version;

/**
 * A three-server ZooKeeper ensemble from the release jars on this JVM's class path (Maven Central;
 * the server also needs metrics-core, snappy-java and an SLF4J binding, which the client does not
 * pull in). Defaults kept: {@code forceSync=yes}, so the transaction log is fsynced before a
 * server acknowledges a proposal. Load goes to the leader.
 */
public final class ZooKeeperEnsemble implements SystemUnderTest {

    private final Path dir;
    private final int portBase;
    private final List<ManagedProcess> servers = new ArrayList<>();
    private int leaderClientPort;

    /** Server i (1..3) takes clients on {@code portBase + 10*i}, quorum and election traffic on +1 and +2. */
    public ZooKeeperEnsemble(Path dir, int portBase) {
        this.dir = dir;
        this.portBase = portBase;
    }

    int clientPort(int server) {
        return portBase + 10 * server;
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public String description() {
        return "ZooKeeper " + Version.getFullVersion().replaceFirst("[-, ].*", "")
                + ", 3 servers, defaults (forceSync=yes: txn log fsync before ack)";
    }

    @Override
    public void start() throws Exception {
        final StringBuilder quorum = new StringBuilder();
        for (int s = 1; s <= 3; s++) {
            Ports.requireFree("zookeeper server " + s, clientPort(s), clientPort(s) + 1, clientPort(s) + 2);
            quorum.append("server.").append(s).append('=').append(Ports.HOST).append(':').append(clientPort(s) + 1)
                    .append(':').append(clientPort(s) + 2).append('\n');
        }
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int s = 1; s <= 3; s++) {
            final Path data = dir.resolve("zk" + s);
            Files.createDirectories(data);
            Files.writeString(data.resolve("myid"), s + "\n");
            final Path cfg = dir.resolve("zoo" + s + ".cfg");
            Files.writeString(cfg, "tickTime=2000\ninitLimit=10\nsyncLimit=5\n"
                    + "dataDir=" + data + "\nclientPort=" + clientPort(s) + "\nclientPortAddress=" + Ports.HOST + "\n"
                    + "maxClientCnxns=0\nadmin.enableServer=false\n4lw.commands.whitelist=srvr\n" + quorum);
            servers.add(ManagedProcess.start("zookeeper server " + s, List.of(java, "-Xmx1g",
                    "-Dzookeeper.admin.enableServer=false", "-cp", System.getProperty("java.class.path"),
                    "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg.toString()),
                    dir.resolve("zk" + s + ".log"), Map.of()));
        }
        Waits.until("a ZooKeeper leader", Duration.ofSeconds(60), () -> {
            for (final ManagedProcess p : servers) {
                p.requireAlive();
            }
            leaderClientPort = findLeader();
            return leaderClientPort > 0;
        });
    }

    private int findLeader() {
        for (int s = 1; s <= 3; s++) {
            if (srvr(clientPort(s)).contains("Mode: leader")) {
                return clientPort(s);
            }
        }
        return 0;
    }

    /** The "srvr" four-letter command: version, latency and the server's mode. */
    private static String srvr(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.HOST, port), 1000);
            socket.setSoTimeout(2000);
            final OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public Driver driver(int threads) {
        final int leader = findLeader();
        if (leader > 0) {
            leaderClientPort = leader;
        }
        return new ZooKeeperDriver(Ports.HOST + ":" + leaderClientPort);
    }

    /** Whether the leader stayed put during the run. */
    @Override
    public String afterRun() {
        try {
            final int now = findLeader();
            return now == leaderClientPort ? "" : "the leader moved from the server on port " + leaderClientPort
                    + " to " + (now == 0 ? "none" : "the one on port " + now);
        } catch (Exception e) {
            return "";
        }
    }

    @Override
    public List<Long> pids() {
        return servers.stream().map(ManagedProcess::pid).toList();
    }

    @Override
    public void close() {
        servers.forEach(ManagedProcess::stop);
        servers.clear();
        Dirs.deleteQuietly(dir);
    }
}
