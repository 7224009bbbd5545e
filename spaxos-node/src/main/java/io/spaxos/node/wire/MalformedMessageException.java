package io.spaxos.node.wire;

/**
 * Bytes that are not a valid spaxos message or record: unparseable, a required field missing, or a
 * field out of range. The message names the field, so one log line says what was wrong.
 */
public final class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
