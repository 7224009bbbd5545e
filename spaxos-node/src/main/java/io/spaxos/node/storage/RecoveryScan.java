package io.spaxos.node.storage;

import io.spaxos.core.Ballot;
import io.spaxos.core.HardState;
import io.spaxos.core.RecoveredState;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the stored instances, in index order, into a {@link RecoveredState}, checking what must
 * hold of a log that was written correctly: applied instances are written in index order, so they
 * form a contiguous prefix of what is stored, and their entries are numbered without gaps.
 */
final class RecoveryScan {

    private HardState.Instance lastApplied;
    private long firstUnappliedIndex = -1;
    private final List<HardState.Instance> unapplied = new ArrayList<>();

    /** @return empty when the instance fits; otherwise why the stored log cannot be right */
    String add(HardState.Instance instance) {
        if (!instance.applied()) {
            if (firstUnappliedIndex < 0) {
                firstUnappliedIndex = instance.index();
            }
            unapplied.add(instance);
            return "";
        }
        if (firstUnappliedIndex >= 0) {
            return "instance " + instance.index() + " is applied but instance " + firstUnappliedIndex
                    + " below it is not (applied instances must form a prefix)";
        }
        if (lastApplied != null && instance.index() != lastApplied.index() + 1) {
            return "applied instances jump from " + lastApplied.index() + " to " + instance.index();
        }
        if (lastApplied != null && instance.firstEntry() != lastApplied.nextEntry()) {
            return "instance " + instance.index() + " starts at entry " + instance.firstEntry()
                    + " but instance " + lastApplied.index() + " ends before entry " + lastApplied.nextEntry();
        }
        lastApplied = instance;
        return "";
    }

    RecoveredState result(Ballot promised) {
        final long appliedUpTo = lastApplied == null ? 0 : lastApplied.index();
        final long nextEntry = lastApplied == null ? 1 : lastApplied.nextEntry();
        return new RecoveredState(promised, appliedUpTo, nextEntry, unapplied);
    }
}
