package io.spaxos.node.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a server built on the log answers reads ({@code "read_mode"} in the config file). */
public enum ReadMode {

    /** Every read is ordered through the log like a write: never stale. The default. */
    LINEARIZABLE("linearizable"),

    /** The master answers from its applied state while its lease holds: stale only if clocks misbehave. */
    LEASE("lease"),

    /** Any replica answers from its applied state: may be stale. */
    LOCAL("local");

    private final String configName;

    ReadMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<ReadMode> fromConfigName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
    }

    static String allConfigNames() {
        return Arrays.stream(values()).map(m -> '"' + m.configName + '"').collect(Collectors.joining(", "));
    }
}
