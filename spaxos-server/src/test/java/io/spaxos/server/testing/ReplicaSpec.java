package io.spaxos.server.testing;

import java.nio.file.Path;

/**
 * Where one replica of a {@link ProcessCluster} lives.
 *
 * @param id         the replica's node id (its config file's {@code selfid})
 * @param configFile its seed-format config file
 * @param peerPort   its peer (replica-to-replica) port on 127.0.0.1
 * @param clientPort the port its server listens on for clients (simplesvr's line port, or a Redis port)
 * @param dataDir    its data directory: the config's {@code path} plus {@code node-<id>}
 * @param logFile    its processes' output and error, appended across restarts
 */
public record ReplicaSpec(int id, Path configFile, int peerPort, int clientPort, Path dataDir, Path logFile) {
}
