package io.spaxos.node.storage;

import io.spaxos.core.LogStorage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;

/**
 * An open RocksDB with spaxos's column families, and every native object that must be closed with
 * it. Column families: {@code default} holds the meta record, {@code promise} the one promise,
 * {@code instances} one record per log index under its big-endian index.
 */
final class RocksHandles implements AutoCloseable {

    static final String PROMISE_CF_NAME = "promise";
    static final String INSTANCES_CF_NAME = "instances";
    private static final byte[] PROMISE_CF = PROMISE_CF_NAME.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INSTANCES_CF = INSTANCES_CF_NAME.getBytes(StandardCharsets.US_ASCII);
    /** RocksDB's own info log is for humans; a few small files are enough and bound the disk it takes. */
    private static final int KEEP_INFO_LOG_FILES = 3;
    private static final long MAX_INFO_LOG_BYTES = 4L << 20;

    static {
        RocksDB.loadLibrary();
    }

    final RocksDB db;
    final ColumnFamilyHandle meta;
    final ColumnFamilyHandle promise;
    final ColumnFamilyHandle instances;
    /** The meta record's one write, through RocksDB's own log. */
    final WriteOptions syncWrites;
    /** Replica state: spaxos's own write-ahead log holds it until a flush stores it in RocksDB's files. */
    final WriteOptions unloggedWrites;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;

    private RocksHandles(RocksDB db, List<ColumnFamilyHandle> handles, DBOptions dbOptions,
                         ColumnFamilyOptions cfOptions) {
        this.db = db;
        this.meta = handles.get(0);
        this.promise = handles.get(1);
        this.instances = handles.get(2);
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.syncWrites = new WriteOptions().setSync(true);
        this.unloggedWrites = new WriteOptions().setDisableWAL(true);
    }

    static RocksHandles open(Path dir) throws StorageException {
        final DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                .setParanoidChecks(true).setKeepLogFileNum(KEEP_INFO_LOG_FILES).setMaxLogFileSize(MAX_INFO_LOG_BYTES)
                // RocksDB's own log holds only the meta record now (replica state goes through spaxos's
                // write-ahead log), but a damaged record there must still refuse to open rather than be
                // dropped quietly, as the default (point-in-time) replay would.
                .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords);
        final ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
        final List<ColumnFamilyDescriptor> families = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                new ColumnFamilyDescriptor(PROMISE_CF, cfOptions),
                new ColumnFamilyDescriptor(INSTANCES_CF, cfOptions));
        final List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            final RocksDB db = RocksDB.open(dbOptions, dir.toString(), families, handles);
            return new RocksHandles(db, handles, dbOptions, cfOptions);
        } catch (RocksDBException | java.io.IOException | RuntimeException e) {
            handles.forEach(ColumnFamilyHandle::close);
            cfOptions.close();
            dbOptions.close();
            throw new StorageException("cannot open data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes every column family's memtable to RocksDB's files and waits until it is there. */
    void flushAll() throws RocksDBException {
        try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
            db.flush(wait, List.of(meta, promise, instances));
        }
    }

    @Override
    public void close() {
        // Handles before the database, options last: RocksJava's documented order.
        syncWrites.close();
        unloggedWrites.close();
        meta.close();
        promise.close();
        instances.close();
        db.close();
        cfOptions.close();
        dbOptions.close();
    }
}
