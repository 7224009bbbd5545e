package io.spaxos.server.cli;

import io.spaxos.node.ReplicaNode;
import io.spaxos.node.config.ConfigLoader;
import io.spaxos.node.config.NodeConfig;
import io.spaxos.server.simple.SimpleServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/simplesvr CONFIG ip:port}: the seed's playground server. */
@Command(name = "simplesvr", mixinStandardHelpOptions = true, version = "spaxos 0.1",
        description = {"Starts one spaxos replica from a seed-format CONFIG file and serves the line protocol on ip:port.",
                "Talk to it with telnet or nc: PROP <reqid> <value>, GET <index>, STATUS."})
public final class SimpleSvrMain implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "the replica's JSON config file (seed format)")
    Path config;

    @Parameters(index = "1", paramLabel = "IP:PORT", converter = HostPort.class,
            description = "where to serve the line protocol")
    InetSocketAddress listen;

    @Option(names = "--id", paramLabel = "N", description = "run as replica N instead of the file's selfid")
    Integer id;

    public static void main(String[] args) {
        System.exit(Cli.run(new SimpleSvrMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        NodeConfig node = ConfigLoader.load(config);
        if (id != null) {
            node = node.withSelfId(id);
        }
        final SimpleServer.Log log = new SimpleServer.Log();
        final ReplicaNode<Void> replica = ReplicaNode.start(node, entry -> null, log::onChosen);
        final SimpleServer server;
        try {
            server = SimpleServer.start(replica, log, listen);
        } catch (Exception e) {
            replica.close();
            throw e;
        }
        System.err.println("simplesvr: replica " + node.selfId() + " serving PROP/GET/STATUS on "
                + server.address().getHostString() + ":" + server.address().getPort());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            replica.close();
            stopped.countDown();
        }, "simplesvr-shutdown"));
        stopped.await();
        return 0;
    }

}
