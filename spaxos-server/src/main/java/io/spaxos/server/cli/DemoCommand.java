package io.spaxos.server.cli;

import io.spaxos.node.config.ReadMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spaxos demo}: three replica processes on this machine, in the foreground until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts a three-replica cluster on this machine: three separate processes, replica i with "
                + "peer port 10000+i, Redis port 6380+i and line-protocol port 7000+i. Ctrl-C stops all three.",
                "Data is kept in --dir between runs; delete the directory to start afresh."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "spaxos-demo-data",
            description = "where the replicas keep their data and logs (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--port-offset", paramLabel = "N", defaultValue = "0",
            description = "add N to every port, to run a second demo alongside the first (default: ${DEFAULT-VALUE})")
    int portOffset;

    @Option(names = "--read-mode", paramLabel = "MODE", defaultValue = "linearizable",
            description = "linearizable (reads go through the log) or local (reads answered by the replica asked, "
                    + "fast but possibly stale) (default: ${DEFAULT-VALUE})")
    String readMode;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long to wait for the replicas to start (default: ${DEFAULT-VALUE})")
    int startTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        final ReadMode mode = ReadMode.fromConfigName(readMode).orElseThrow(() -> new IllegalArgumentException(
                "--read-mode: expected linearizable, lease or local, got '" + readMode + "'"));
        final DemoPorts ports = new DemoPorts(portOffset);
        ports.checkFree();
        final Path home = dir.toAbsolutePath().normalize();
        Files.createDirectories(home);
        final Path config = home.resolve("cluster.json");
        Files.writeString(config, configJson(home, ports, mode));

        final DemoProcesses replicas = new DemoProcesses(home, config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            replicas.stopAll();
            System.err.println("spaxos demo: stopped; data kept in " + home);
        }, "spaxos-demo-stop"));
        for (int id = 1; id <= DemoPorts.REPLICAS; id++) {
            replicas.start(id);
        }
        if (!replicas.awaitReady(startTimeoutSeconds * 1000L)) {
            return 1;
        }
        if (!replicas.awaitMaster(ports.redis(1), startTimeoutSeconds * 1000L)) {
            System.err.println("spaxos demo: no master elected yet; commands will wait for one (see the replica logs)");
        }
        System.out.println(banner(home, ports, mode));
        System.out.flush();
        replicas.watch();
        return 0;
    }

    static String configJson(Path home, DemoPorts ports, ReadMode mode) {
        final StringBuilder groups = new StringBuilder();
        for (int id = 1; id <= DemoPorts.REPLICAS; id++) {
            groups.append(id == 1 ? "" : ",\n")
                    .append("    {\"id\": ").append(id).append(", \"ip\": \"127.0.0.1\", \"port\": ").append(ports.peer(id))
                    .append(", \"redis_port\": ").append(ports.redis(id))
                    .append(", \"line_port\": ").append(ports.line(id)).append('}');
        }
        return "{\n  \"selfid\": 1,\n  \"cluster\": \"spaxos-demo\",\n  \"groups\": [\n" + groups + "\n  ],\n"
                + "  \"path\": " + jsonString(home.toString()) + ",\n"
                + "  \"read_mode\": \"" + mode.configName() + "\",\n"
                + "  \"stimeout\": {\"heartbeat\": 100, \"instimeoutbase\": 1000, \"instimeoutrange\": 300}\n}\n";
    }

    private static String jsonString(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String banner(Path home, DemoPorts ports, ReadMode mode) {
        final StringBuilder b = new StringBuilder();
        b.append("\nspaxos demo: three replicas are running (read_mode ").append(mode.configName()).append(").\n\n");
        b.append(String.format("  %-8s %-7s %-15s %-7s %s%n", "replica", "redis", "line protocol", "peer", "log"));
        for (int id = 1; id <= DemoPorts.REPLICAS; id++) {
            b.append(String.format("  %-8d %-7d %-15d %-7d %s%n", id, ports.redis(id), ports.line(id), ports.peer(id),
                    home.resolve("replica-" + id + ".log")));
        }
        b.append("\nTry, in another terminal:\n");
        b.append("  redis-cli -p ").append(ports.redis(1)).append(" set hello world\n");
        b.append("  redis-cli -p ").append(ports.redis(2)).append(" get hello\n");
        b.append("  redis-benchmark -p ").append(ports.redis(3)).append(" -t set,get,incr,mset -n 10000 -q\n");
        b.append("  telnet 127.0.0.1 ").append(ports.line(1)).append("      (then: PROP r1 hi, GET 1, STATUS)\n");
        b.append("\nData and config: ").append(home).append("\nPress Ctrl-C to stop all three replicas.");
        return b.toString();
    }
}
