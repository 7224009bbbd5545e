package io.spaxos.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * ZooKeeper writes with the official client: one session per client, each running
 * {@code setData(/bench/k<client>)} in a closed loop through the asynchronous API, so no thread
 * blocks per request (the callback issues the next write).
 */
public final class ZooKeeperDriver implements Driver {

    private static final int SESSION_TIMEOUT_MS = 30_000;
    private static final String ROOT = "/bench";

    private final String connectString;
    private final List<Client> clients = new ArrayList<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile boolean running;

    /** {@code connectString} names the server(s) to use, e.g. the leader's {@code 127.0.0.1:port}. */
    public ZooKeeperDriver(String connectString) {
        this.connectString = connectString;
    }

    @Override
    public void open(int count, byte[] value) throws Exception {
        for (int i = 0; i < count; i++) {
            final CountDownLatch connected = new CountDownLatch(1);
            final ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            clients.add(new Client(zk, ROOT + "/k" + i, value));
            if (!connected.await(20, TimeUnit.SECONDS)) {
                throw new IOException("ZooKeeper client " + i + " did not connect to " + connectString);
            }
            if (i == 0) {
                createIfAbsent(zk, ROOT, new byte[0]);
            }
            createIfAbsent(zk, ROOT + "/k" + i, value);
        }
    }

    private static void createIfAbsent(ZooKeeper zk, String path, byte[] data) throws Exception {
        try {
            zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException ignored) {
            // a previous run's node: setData overwrites it
        }
    }

    @Override
    public void start(LatencySink sink) {
        running = true;
        for (final Client client : clients) {
            client.sink = sink;
            client.send();
        }
    }

    @Override
    public void stop() {
        running = false;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
        for (final Client client : clients) {
            try {
                client.zk.close(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clients.clear();
    }

    private final class Client implements AsyncCallback.StatCallback {
        final ZooKeeper zk;
        final String path;
        final byte[] value;
        volatile LatencySink sink;
        long sentAtNs;

        Client(ZooKeeper zk, String path, byte[] value) {
            this.zk = zk;
            this.path = path;
            this.value = value;
        }

        void send() {
            outstanding.incrementAndGet();
            sentAtNs = System.nanoTime();
            zk.setData(path, value, -1, this, null);
        }

        @Override
        public void processResult(int rc, String p, Object ctx, Stat stat) {
            final long latencyNs = System.nanoTime() - sentAtNs;
            outstanding.decrementAndGet();
            if (rc == KeeperException.Code.OK.intValue()) {
                sink.ok(latencyNs);
            } else {
                sink.error("setData " + path + ": " + KeeperException.Code.get(rc));
                if (running) {
                    pause();
                }
            }
            if (running) {
                send();
            }
        }

        /** After an error (connection loss), do not spin: the client reconnects on its own. */
        private void pause() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
