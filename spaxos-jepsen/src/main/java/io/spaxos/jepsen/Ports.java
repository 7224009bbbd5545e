package io.spaxos.jepsen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * The loopback ports of one cluster: a block of 100 from {@code base}. Replica {@code i} (1..5)
 * listens for peers on {@code base+i}, for Redis clients on {@code base+10+i} and for the line
 * protocol on {@code base+20+i}; the proxy carrying {@code i}'s connections to {@code j} listens
 * on {@code base+30+10*i+j}. Everything stays below 32768, out of Linux's ephemeral range.
 */
record Ports(int base, int replicas) {

    static final int BLOCK = 100;
    static final int MAX_REPLICAS = 5;
    /** Where this module's blocks start: 25000..25999 belong to spaxos-jepsen. */
    static final int FIRST = 25_000;

    Ports {
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be 1.." + MAX_REPLICAS + ": " + replicas);
        }
        if (base < 1024 || base + BLOCK > 32_768) {
            throw new IllegalArgumentException("base port " + base + ": ports must stay in 1024..32767");
        }
    }

    /** Block {@code slot} (0..9) of this module's range. */
    static Ports slot(int slot, int replicas) {
        if (slot < 0 || slot > 9) {
            throw new IllegalArgumentException("port slot must be 0..9: " + slot);
        }
        return new Ports(FIRST + BLOCK * slot, replicas);
    }

    List<Integer> ids() {
        return IntStream.rangeClosed(1, replicas).boxed().toList();
    }

    int peer(int id) {
        return base + check(id);
    }

    int redis(int id) {
        return base + 10 + check(id);
    }

    int line(int id) {
        return base + 20 + check(id);
    }

    int proxy(int from, int to) {
        if (from == to) {
            throw new IllegalArgumentException("no proxy from replica " + from + " to itself");
        }
        return base + 30 + 10 * check(from) + check(to);
    }

    /** Every port the cluster listens on: its replicas' peer, Redis and line ports, and the proxies. */
    List<Integer> all() {
        final List<Integer> ports = new ArrayList<>();
        for (final int id : ids()) {
            ports.addAll(List.of(peer(id), redis(id), line(id)));
            ids().stream().filter(other -> other != id).forEach(other -> ports.add(proxy(id, other)));
        }
        return ports;
    }

    /** The first of {@link #all()} on which another process listens now, if any. */
    OptionalInt firstBusy() {
        for (final int port : all()) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException inUse) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    private int check(int id) {
        if (id < 1 || id > replicas) {
            throw new IllegalArgumentException("no replica " + id + " among 1.." + replicas);
        }
        return id;
    }
}
