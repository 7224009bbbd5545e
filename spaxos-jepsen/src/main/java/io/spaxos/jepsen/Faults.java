package io.spaxos.jepsen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Injects one fault of a kind into a cluster and says how to undo it. */
final class Faults {

    private final Cluster cluster;
    private final Random random;

    Faults(Cluster cluster, Random random) {
        this.cluster = cluster;
        this.random = random;
    }

    Cluster cluster() {
        return cluster;
    }

    Fault inject(FaultKind kind) {
        return switch (kind) {
            case KILL -> kill();
            case PAUSE -> pause();
            case PARTITION -> partition();
            case RESTART -> restartAll();
        };
    }

    private Fault kill() {
        final Target target = target();
        cluster.replica(target.id()).kill();
        return new Fault(FaultKind.KILL, "kill -9 replica " + target, () -> cluster.start(target.id()));
    }

    private Fault pause() {
        final Target target = target();
        cluster.replica(target.id()).pause();
        return new Fault(FaultKind.PAUSE, "SIGSTOP replica " + target, () -> cluster.replica(target.id()).resume());
    }

    private Fault restartAll() {
        cluster.ids().forEach(id -> cluster.replica(id).kill());
        return new Fault(FaultKind.RESTART, "kill -9 every replica", cluster::startAll);
    }

    /**
     * One of: a replica cut off from the rest (random, or the master: the majority/minority
     * split of three), a bridge (two replicas cannot talk, the third talks to both), or a
     * one-way cut (a replica hears nobody, or nobody hears it).
     */
    private Fault partition() {
        final Network network = cluster.network();
        final List<Integer> ids = new ArrayList<>(cluster.ids());
        Collections.shuffle(ids, random);
        final double draw = random.nextDouble();
        final String description;
        if (draw < 0.55) {
            final Target target = draw < 0.25 ? masterOr(ids.get(0)) : new Target(ids.get(0), false);
            final List<Integer> minority = List.of(target.id());
            network.split(minority);
            final List<Integer> majority = cluster.ids().stream().filter(id -> id != target.id()).toList();
            description = "split " + majority + " | " + minority + (target.master() ? " (the master alone)" : "");
        } else if (draw < 0.75 && ids.size() >= 3) {
            network.cut(ids.get(0), ids.get(1));
            network.cut(ids.get(1), ids.get(0));
            description = "bridge: " + ids.get(0) + " and " + ids.get(1) + " cut apart, " + ids.get(2) + " sees both";
        } else {
            final int lonely = ids.get(0);
            final boolean deaf = random.nextBoolean();
            for (final int other : cluster.ids()) {
                if (other != lonely) {
                    network.cut(deaf ? other : lonely, deaf ? lonely : other);
                }
            }
            description = deaf ? "one-way: replica " + lonely + " hears nobody" : "one-way: nobody hears replica " + lonely;
        }
        return new Fault(FaultKind.PARTITION, description + " (cut " + network.describeCuts() + ")", network::healAll);
    }

    /** The master half the time (when one is known), else a random replica. */
    private Target target() {
        final int any = cluster.ids().get(random.nextInt(cluster.ids().size()));
        return random.nextBoolean() ? masterOr(any) : new Target(any, false);
    }

    private Target masterOr(int fallback) {
        final Optional<Integer> master = cluster.master();
        return master.map(id -> new Target(id, true)).orElse(new Target(fallback, false));
    }

    private record Target(int id, boolean master) {
        @Override
        public String toString() {
            return id + (master ? " (the master)" : "");
        }
    }
}
