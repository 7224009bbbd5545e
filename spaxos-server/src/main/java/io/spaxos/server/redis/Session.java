package io.spaxos.server.redis;

import java.util.concurrent.atomic.AtomicLong;

/** What one client connection has told the server about itself (CLIENT SETNAME, HELLO). */
final class Session {

    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    final long id = NEXT_ID.getAndIncrement();
    final String address;
    String name = "";

    Session(String address) {
        this.address = address;
    }
}
