package io.spaxos.core.msg;

/** "Send me the chosen values of indexes {@code fromIndex..toIndex}, inclusive." */
public record CatchupRequest(int from, int to, long fromIndex, long toIndex) implements Message {
}
