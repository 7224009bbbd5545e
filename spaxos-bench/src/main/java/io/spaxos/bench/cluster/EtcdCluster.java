package io.spaxos.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spaxos.bench.load.Driver;
import io.spaxos.bench.load.EtcdHttpProtocol;
import io.spaxos.bench.load.NioClosedLoopDriver;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A three-member etcd cluster from the Debian package, with etcd's defaults: the WAL is fsynced
 * for every batch of entries before a member acknowledges them (the equivalent of spaxos's
 * persist-before-send). Load goes to the leader's HTTP/JSON gateway.
 */
public final class EtcdCluster implements SystemUnderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int portBase;
    private final List<ManagedProcess> members = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String version = "etcd";
    private int leaderClientPort;

    /** Member i (1..3) listens for clients on {@code portBase + 10*i} and for peers on that plus 1. */
    public EtcdCluster(Path dir, int portBase) {
        this.dir = dir;
        this.portBase = portBase;
    }

    int clientPort(int member) {
        return portBase + 10 * member;
    }

    int peerPort(int member) {
        return clientPort(member) + 1;
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public String description() {
        return version + ", 3 members, defaults (WAL fsync per batch)";
    }

    @Override
    public void start() throws Exception {
        final Path etcd = Installer.require("etcd", "etcd-server");
        version = Installer.versionOf(List.of(etcd.toString(), "--version")).replace("etcd Version: ", "etcd ");
        final StringBuilder initial = new StringBuilder();
        for (int m = 1; m <= 3; m++) {
            Ports.requireFree("etcd member " + m, clientPort(m), peerPort(m));
            initial.append(m == 1 ? "" : ",").append('n').append(m).append("=http://127.0.0.1:").append(peerPort(m));
        }
        final String token = "spaxos-bench-" + UUID.randomUUID();
        for (int m = 1; m <= 3; m++) {
            final Path data = dir.resolve("n" + m);
            Files.createDirectories(data);
            final String client = "http://" + Ports.HOST + ":" + clientPort(m);
            final String peer = "http://" + Ports.HOST + ":" + peerPort(m);
            members.add(ManagedProcess.start("etcd member " + m, List.of(etcd.toString(),
                    "--name", "n" + m, "--data-dir", data.toString(),
                    "--listen-client-urls", client, "--advertise-client-urls", client,
                    "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                    "--initial-cluster", initial.toString(), "--initial-cluster-token", token,
                    "--initial-cluster-state", "new", "--logger", "zap", "--log-outputs", "stderr"),
                    dir.resolve("n" + m + ".log"), Map.of("ETCD_UNSUPPORTED_ARCH", "")));
        }
        Waits.until("an etcd leader", Duration.ofSeconds(60), () -> {
            for (final ManagedProcess p : members) {
                p.requireAlive();
            }
            leaderClientPort = findLeader();
            return leaderClientPort > 0;
        });
        Waits.until("a first put through the etcd leader", Duration.ofSeconds(30),
                () -> post(leaderClientPort, "/v3/kv/put", "{\"key\":\"YQ==\",\"value\":\"YQ==\"}").statusCode() == 200);
    }

    /** The client port of the member whose status says it leads, or 0. */
    private int findLeader() throws Exception {
        for (int m = 1; m <= 3; m++) {
            final HttpResponse<String> reply = post(clientPort(m), "/v3/maintenance/status", "{}");
            if (reply.statusCode() != 200) {
                continue;
            }
            final JsonNode status = JSON.readTree(reply.body());
            final String leader = status.path("leader").asText("");
            if (!leader.isEmpty() && !"0".equals(leader) && leader.equals(status.path("header").path("member_id").asText())) {
                return clientPort(m);
            }
        }
        return 0;
    }

    private HttpResponse<String> post(int port, String path, String body) throws Exception {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + Ports.HOST + ":" + port + path))
                .timeout(Duration.ofSeconds(3))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public Driver driver(int threads) throws Exception {
        final int leader = findLeader();
        if (leader > 0) {
            leaderClientPort = leader;
        }
        return new NioClosedLoopDriver(name(), List.of(new InetSocketAddress(Ports.HOST, leaderClientPort)),
                new EtcdHttpProtocol(Ports.HOST + ":" + leaderClientPort), threads);
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
        return members.stream().map(ManagedProcess::pid).toList();
    }

    @Override
    public void close() {
        members.forEach(ManagedProcess::stop);
        members.clear();
        Dirs.deleteQuietly(dir);
    }
}
