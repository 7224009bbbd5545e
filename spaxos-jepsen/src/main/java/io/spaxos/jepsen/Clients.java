package io.spaxos.jepsen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The run's client threads: started together, asked to stop together, awaited with a deadline. */
final class Clients {

    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private Clients() {
    }

    static Clients start(RunOptions options, KeySpace keys, HistoryLog history, RunClock clock, Random random) {
        final Clients clients = new Clients();
        for (int i = 0; i < options.clients(); i++) {
            final Worker worker = new Worker(i, options.clients(), options.ports(), keys, history, clock,
                    options.opTimeout(), random.nextLong());
            final Thread thread = new Thread(worker, "jepsen-client-" + i);
            thread.setDaemon(true);
            clients.workers.add(worker);
            clients.threads.add(thread);
        }
        clients.threads.forEach(Thread::start);
        return clients;
    }

    /** Asks every client to stop after its operation in progress. */
    void stop() {
        workers.forEach(Worker::stop);
    }

    /** Stops every client and waits for each, at most an operation's timeout and a few reconnections. */
    void stopAndAwait(Duration opTimeout) {
        stop();
        final Duration deadline = opTimeout.plus(Worker.CONNECT_TIMEOUT.multipliedBy(10));
        for (final Thread thread : threads) {
            try {
                thread.join(deadline.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + thread.getName(), e);
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " still runs " + deadline + " after it was asked to stop");
            }
        }
    }
}
