package io.spaxos.jepsen;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * One client: a loop of GET, SET and SET ... IFEQ (cas) on the run's keys, one operation at a
 * time, each against the replica it is connected to; it reconnects to a random replica after any
 * doubtful outcome, and now and then anyway, so reads and writes reach every replica.
 */
final class Worker implements Runnable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** After connecting to no replica at all (a full-cluster restart): before trying again. */
    private static final Duration ALL_DOWN_BACKOFF = Duration.ofMillis(100);
    /** Chance per operation of moving to another replica while nothing is wrong. */
    private static final double SWITCH_CHANCE = 0.05;
    static final int VALUES = 5;

    private final int index;
    private final int clients;
    private final Ports ports;
    private final KeySpace keys;
    private final HistoryLog history;
    private final RunClock clock;
    private final Duration opTimeout;
    private final Random random;
    private volatile boolean stopping;
    private RespClient connection;
    private int node;
    private int process;

    Worker(int index, int clients, Ports ports, KeySpace keys, HistoryLog history, RunClock clock, Duration opTimeout,
           long seed) {
        this.index = index;
        this.clients = clients;
        this.ports = ports;
        this.keys = keys;
        this.history = history;
        this.clock = clock;
        this.opTimeout = opTimeout;
        this.random = new Random(seed);
        this.process = index;
    }

    /** Asks the loop to end after the operation in progress. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                if (connection == null && !connect()) {
                    Waits.pause(ALL_DOWN_BACKOFF);
                    continue;
                }
                final Op op = invoke(keys.pick(random));
                history.add(op);
                if (op.type() == Op.Type.INFO) {
                    // Its operation may still take effect: a process has one operation at a time.
                    process += clients;
                    disconnect();
                } else if (random.nextDouble() < SWITCH_CHANCE) {
                    disconnect();
                }
            }
        } finally {
            disconnect();
        }
    }

    private Op invoke(String key) {
        final double draw = random.nextDouble();
        final Op.Fn f = draw < 0.4 ? Op.Fn.READ : draw < 0.7 ? Op.Fn.WRITE : Op.Fn.CAS;
        final Integer value = f == Op.Fn.READ ? null : random.nextInt(VALUES);
        final Integer expected = f == Op.Fn.CAS ? random.nextInt(VALUES) : null;
        final String[] command = switch (f) {
            case READ -> new String[] {"GET", key};
            case WRITE -> new String[] {"SET", key, value.toString()};
            case CAS -> new String[] {"SET", key, value.toString(), "IFEQ", expected.toString()};
        };
        final long invokeUs = clock.nowUs();
        Outcomes.Outcome outcome;
        try {
            outcome = Outcomes.of(f, connection.call(command));
        } catch (IOException e) {
            outcome = Outcomes.of(e);
        }
        final long completeUs = clock.nowUs();
        return new Op(process, node, key, f, value, expected, invokeUs, completeUs, outcome.type(), outcome.result(),
                outcome.error());
    }

    /** Connects to a random replica, trying each once; false if none accepts. */
    private boolean connect() {
        final List<Integer> ids = ports.ids();
        final int first = random.nextInt(ids.size());
        for (int i = 0; i < ids.size() && !stopping; i++) {
            final int id = ids.get((first + i) % ids.size());
            try {
                connection = RespClient.connect(ports.redis(id), CONNECT_TIMEOUT, opTimeout);
                node = id;
                return true;
            } catch (IOException down) {
                // Killed or restarting: try the next one.
            }
        }
        return false;
    }

    private void disconnect() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    int index() {
        return index;
    }
}
