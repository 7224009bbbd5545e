package io.spaxos.server.cli;

import io.spaxos.core.LogStorage;
import io.spaxos.node.config.ConfigException;
import java.io.IOException;
import picocli.CommandLine;

/** Runs a picocli command: bad arguments and expected failures get one line, never a stack trace. */
final class Cli {

    private Cli() {
    }

    static int run(Object command, String[] args) {
        final CommandLine cli = new CommandLine(command);
        final String name = cli.getCommandName();
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof LogStorage.StorageException || e instanceof IOException
                    || e instanceof IllegalArgumentException) {
                System.err.println(name + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println(name + ": " + e.getMessage());
            System.err.println("Try '" + name + " --help' for usage.");
            return 2;
        });
        return cli.execute(args);
    }
}
