package io.spaxos.jepsen;

/**
 * A fault the nemesis has injected and will undo.
 *
 * @param kind        what kind of fault
 * @param description what was done, e.g. {@code "kill -9 replica 2 (the master)"}
 * @param undo        heals it: restarts, resumes, reconnects
 */
record Fault(FaultKind kind, String description, Runnable undo) {
}
