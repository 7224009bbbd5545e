package io.spaxos.bench.cluster;

import io.spaxos.bench.load.Driver;
import io.spaxos.bench.load.NioClosedLoopDriver;
import io.spaxos.bench.load.RespProtocol;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One Redis server: {@code appendfsync always} (the durable single-node ceiling: every write is in
 * the AOF and fsynced before the reply) or no persistence at all (the ceiling without replication
 * or disk).
 */
public final class RedisServer implements SystemUnderTest {

    private final boolean durable;
    private final Path dir;
    private final int port;
    private ManagedProcess process;
    private String version = "redis";

    public RedisServer(boolean durable, Path dir, int port) {
        this.durable = durable;
        this.dir = dir;
        this.port = port;
    }

    @Override
    public String name() {
        return durable ? "redis-aof" : "redis-nopersist";
    }

    @Override
    public String description() {
        return version + (durable ? ", one node, appendonly yes, appendfsync always" : ", one node, no AOF, no RDB");
    }

    @Override
    public void start() throws Exception {
        final Path server = Installer.require("redis-server", "redis-server");
        version = Installer.versionOf(List.of(server.toString(), "--version"));
        version = version.replaceFirst("^Redis server v=(\\S+).*", "Redis $1");
        Ports.requireFree(name(), port);
        Files.createDirectories(dir);
        final List<String> command = new ArrayList<>(List.of(server.toString(), "--port", String.valueOf(port),
                "--bind", Ports.HOST, "--dir", dir.toString(), "--save", "", "--daemonize", "no",
                "--logfile", "", "--protected-mode", "no"));
        command.addAll(durable ? List.of("--appendonly", "yes", "--appendfsync", "always")
                : List.of("--appendonly", "no"));
        process = ManagedProcess.start(name(), command, dir.resolve("redis.log"), Map.of());
        Waits.until(name() + " to answer PING on port " + port, Duration.ofSeconds(20), () -> {
            process.requireAlive();
            try (RespClient client = new RespClient(port, 1000)) {
                return "PONG".equals(client.call("PING").strip());
            }
        });
    }

    @Override
    public Driver driver(int threads) {
        return new NioClosedLoopDriver(name(), List.of(new InetSocketAddress(Ports.HOST, port)), new RespProtocol(),
                threads);
    }

    @Override
    public List<Long> pids() {
        return process == null ? List.of() : List.of(process.pid());
    }

    @Override
    public OptionalInt respPort() {
        return OptionalInt.of(port);
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
            process = null;
        }
        Dirs.deleteQuietly(dir);
    }
}
