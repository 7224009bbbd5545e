/**
 * A linearizability checker for client histories (Herlihy and Wing, 1990).
 *
 * <p>Entry point: {@link io.spaxos.check.LinearizabilityChecker#check}. A history is a list of
 * {@link io.spaxos.check.Operation}s; a {@link io.spaxos.check.Model} is the sequential
 * specification they are checked against ({@link io.spaxos.check.RegisterModel} for a read /
 * write / compare-and-set register). The search is the just-in-time linearization of Wing and
 * Gong (1993) as refined by Lowe (2017), with memoisation of (linearized set, model state).
 */
package io.spaxos.check;
