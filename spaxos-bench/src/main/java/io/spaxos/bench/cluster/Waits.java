package io.spaxos.bench.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a deadline passes; the failure names what was awaited. */
public final class Waits {

    private Waits() {
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (FatalWaitException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new Exception("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
    }

    /** Thrown by a condition that knows waiting longer cannot help (a process died). */
    public static final class FatalWaitException extends Exception {
        public FatalWaitException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
