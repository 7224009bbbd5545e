package io.spaxos.bench.load;

/**
 * Drives one system with a closed loop: every client keeps exactly one write outstanding and sends
 * the next as soon as the previous one is answered.
 */
public interface Driver extends AutoCloseable {

    /** Connects {@code clients} clients and prepares what they write (keys, znodes). */
    void open(int clients, byte[] value) throws Exception;

    /** Starts the loop; every reply goes to {@code sink}. Returns at once. */
    void start(LatencySink sink);

    /** Stops sending new requests and waits, briefly, for the outstanding ones. */
    void stop();

    @Override
    void close();
}
