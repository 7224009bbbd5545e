package io.spaxos.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/spaxos}: the replicated key-value server ({@code server}) and a local three-replica cluster ({@code demo}). */
@Command(name = "spaxos", mixinStandardHelpOptions = true, version = "spaxos 0.1",
        description = {"spaxos: a Multi-Paxos replicated log, and a replicated key-value server that speaks the Redis protocol."},
        subcommands = {DemoCommand.class, ServerCommand.class, CommandLine.HelpCommand.class},
        // bin/spaxos hands "bench" to bin/spaxos-bench before this program starts.
        footer = {"  bench   Benchmarks spaxos against etcd, ZooKeeper and Redis on this machine",
                  "            (bin/spaxos bench --help)."})
public final class SpaxosMain implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Cli.run(new SpaxosMain(), args));
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: use 'spaxos demo' or 'spaxos server --config FILE'");
    }
}
