package io.spaxos.server.redis;

import io.spaxos.core.Status;
import io.spaxos.node.config.ReadMode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The text of INFO: this replica's view, read locally (it is not ordered through the log). */
final class Info {

    private static final List<String> SECTIONS = List.of("server", "replication", "keyspace");

    private final Replica node;
    private final KvStateMachine kv;
    private final ReadMode readMode;
    private final long startedMs = System.currentTimeMillis();
    private volatile int port;

    Info(Replica node, KvStateMachine kv, ReadMode readMode) {
        this.node = node;
        this.kv = kv;
        this.readMode = readMode;
    }

    void port(int port) {
        this.port = port;
    }

    /** The sections asked for; none, "default", "all" or "everything" means all of them. */
    String render(List<String> asked) {
        final boolean all = asked.isEmpty() || asked.stream().anyMatch(Set.of("all", "default", "everything")::contains);
        final StringBuilder text = new StringBuilder();
        for (final String section : SECTIONS) {
            if (all || asked.contains(section)) {
                if (text.length() > 0) {
                    text.append("\r\n");
                }
                append(section, text);
            }
        }
        return text.toString();
    }

    private void append(String section, StringBuilder text) {
        switch (section) {
            case "server" -> server(text);
            case "replication" -> replication(text);
            default -> keyspace(text);
        }
    }

    private void server(StringBuilder text) {
        text.append("# Server\r\n")
                .append("redis_version:").append(ServerCommands.COMPAT_REDIS_VERSION).append("\r\n")
                .append("spaxos_version:0.1.0\r\n")
                .append("redis_mode:standalone\r\n")
                .append("process_id:").append(ProcessHandle.current().pid()).append("\r\n")
                .append("tcp_port:").append(port).append("\r\n")
                .append("uptime_in_seconds:").append((System.currentTimeMillis() - startedMs) / 1000).append("\r\n");
    }

    private void replication(StringBuilder text) {
        final Status s = node.status();
        // role is "master" for clients' sake: every spaxos replica takes reads and writes.
        text.append("# Replication\r\n")
                .append("role:master\r\n")
                .append("connected_slaves:0\r\n")
                .append("spaxos_replica_id:").append(node.id()).append("\r\n")
                .append("spaxos_role:").append(s.role().name().toLowerCase(Locale.ROOT)).append("\r\n")
                .append("spaxos_master_id:").append(s.master()).append("\r\n")
                .append("spaxos_chosen_index:").append(s.knownChosen()).append("\r\n")
                .append("spaxos_applied_index:").append(s.appliedUpTo()).append("\r\n")
                .append("spaxos_applied_entry:").append(node.lastAppliedEntry()).append("\r\n")
                .append("spaxos_pending_proposals:").append(s.pendingProposals()).append("\r\n")
                .append("spaxos_kv_entries:").append(kv.appliedKvEntries()).append("\r\n")
                .append("spaxos_ignored_entries:").append(kv.ignoredEntries()).append("\r\n")
                .append("spaxos_duplicate_entries:").append(kv.duplicateEntries()).append("\r\n")
                .append("spaxos_read_mode:").append(readMode.configName()).append("\r\n");
        node.failure().ifPresent(f -> text.append("spaxos_failure:").append(f.replace("\r", " ").replace("\n", " "))
                .append("\r\n"));
    }

    private void keyspace(StringBuilder text) {
        text.append("# Keyspace\r\n");
        final int keys = kv.keyCount();
        if (keys > 0) {
            text.append("db0:keys=").append(keys).append(",expires=0,avg_ttl=0\r\n");
        }
    }
}
