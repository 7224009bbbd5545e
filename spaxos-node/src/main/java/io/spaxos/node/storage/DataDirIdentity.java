package io.spaxos.node.storage;

import io.spaxos.core.LogStorage.StorageException;
import io.spaxos.node.wire.proto.WireProto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The meta record: which node of which cluster a data directory belongs to, in which format.
 * Opening another replica's directory would let this node vote with someone else's promises, which
 * breaks Paxos's safety; so a mismatch refuses to start instead.
 */
final class DataDirIdentity {

    static final byte[] META_KEY = "meta".getBytes(StandardCharsets.US_ASCII);

    private DataDirIdentity() {
    }

    /** Writes the meta record into a new directory, or checks the one already there. */
    static void claimOrVerify(RocksHandles rocks, Path dir, String clusterId, int nodeId, int formatVersion,
                              boolean logHoldsData) throws StorageException {
        try {
            final byte[] value = rocks.db.get(rocks.meta, META_KEY);
            if (value == null) {
                requireNoData(rocks, dir, logHoldsData);
                writeMeta(rocks, clusterId, nodeId, formatVersion);
                return;
            }
            final WireProto.MetaRecord meta = RecordCodec.meta(RecordCodec.open(META_KEY, value));
            final boolean upgradable = meta.getFormatVersion() == RocksLogStorage.UPGRADABLE_FORMAT_VERSION
                    && formatVersion == RocksLogStorage.FORMAT_VERSION;
            if (meta.getFormatVersion() != formatVersion && !upgradable) {
                throw new StorageException("data directory " + dir + " has format version " + meta.getFormatVersion()
                        + " (node " + meta.getNodeId() + " of cluster '" + meta.getClusterId()
                        + "'); this build reads format version " + formatVersion);
            }
            if (meta.getNodeId() != nodeId || !meta.getClusterId().equals(clusterId)) {
                throw new StorageException("data directory " + dir + " belongs to node " + meta.getNodeId()
                        + " of cluster '" + meta.getClusterId() + "', but this is node " + nodeId
                        + " of cluster '" + clusterId + "'");
            }
            if (upgradable) {
                writeMeta(rocks, clusterId, nodeId, formatVersion);
            }
        } catch (RocksDBException e) {
            throw new StorageException("cannot read the meta record of data directory " + dir + ": "
                    + e.getMessage(), e);
        } catch (RecordCodec.DecodeException e) {
            throw new StorageException("corrupted record meta in data directory " + dir + ": " + e.getMessage());
        }
    }

    private static void writeMeta(RocksHandles rocks, String clusterId, int nodeId, int formatVersion)
            throws RocksDBException {
        final WireProto.MetaRecord meta = WireProto.MetaRecord.newBuilder().setFormatVersion(formatVersion)
                .setClusterId(clusterId).setNodeId(nodeId).build();
        rocks.db.put(rocks.meta, rocks.syncWrites, META_KEY, RecordCodec.seal(META_KEY, meta));
    }

    /** Data without a meta record has no known owner: refuse it rather than adopt it. */
    private static void requireNoData(RocksHandles rocks, Path dir, boolean logHoldsData) throws StorageException {
        if (logHoldsData) {
            throw new StorageException("data directory " + dir
                    + " holds a write-ahead log but no meta record saying whose it is");
        }
        try (RocksIterator promise = rocks.db.newIterator(rocks.promise);
             RocksIterator instances = rocks.db.newIterator(rocks.instances)) {
            promise.seekToFirst();
            instances.seekToFirst();
            if (promise.isValid() || instances.isValid()) {
                throw new StorageException("data directory " + dir
                        + " holds replica state but no meta record saying whose it is");
            }
        }
    }
}
