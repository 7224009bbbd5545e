package io.spaxos.server.redis;

import java.util.function.Supplier;

/** What the connection does with one command. */
sealed interface Action {

    /** Reply with this, in order. */
    record Now(Reply reply) implements Action {
    }

    /** Reply with what this computes once every earlier command has its reply (so it sees their effects). */
    record Later(Supplier<Reply> reply) implements Action {
    }

    /** Order the command through the log; the state machine's answer is the reply. */
    record Log(KvCommand command, long sizeBytes) implements Action {
    }

    /** Reply with this, then close the connection. */
    record Close(Reply reply) implements Action {
    }

    static Action error(String text) {
        return new Now(Reply.error(text));
    }
}
