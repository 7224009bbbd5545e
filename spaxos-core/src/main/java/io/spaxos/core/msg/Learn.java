package io.spaxos.core.msg;

import io.spaxos.core.Batch;
import java.util.List;

/** Chosen values, in answer to a catch-up. Chosen values never change, so any replica may send them. */
public record Learn(int from, int to, List<Chosen> chosen) implements Message {

    public Learn {
        chosen = List.copyOf(chosen);
    }

    public record Chosen(long index, Batch value) {
    }
}
