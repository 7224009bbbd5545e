package io.spaxos.bench.probe;

import io.spaxos.bench.report.CpuTime;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.HdrHistogram.Histogram;

/**
 * What one thread hand-off costs on this machine: two threads pass a token back and forth through
 * blocking queues (as spaxos's state-machine, storage, network and apply threads do), each parking
 * while it waits. The latency recorded is one round trip (two hand-offs); the CPU is what the whole
 * exchange used, per hand-off, including the kernel's wake-ups.
 */
public final class HandoffProbe {

    private HandoffProbe() {
    }

    /**
     * The probes, and the CPU µs that each kind of hand-off cost: {@code roundTrip} between two
     * busy threads; {@code coldWake} a hand-off to a thread parked for a millisecond, whose core
     * may have gone idle (the common case at low load, and for every timer tick).
     */
    public record Result(Probe roundTrip, double cpuUsPerHandoff, Probe coldWake, double cpuUsPerColdWake) {
    }

    /** A thread parks, another wakes it 1 ms later through a queue; latency is put to take. */
    private static Probe cold(long millis, int maxWakes, double[] cpuUsPerWake) throws InterruptedException {
        final BlockingQueue<Long> queue = new ArrayBlockingQueue<>(1);
        final Histogram h = new Histogram(3);
        final Thread taker = new Thread(() -> {
            try {
                long sentAt;
                while ((sentAt = queue.take()) >= 0) {
                    h.recordValue(Math.max(1, System.nanoTime() - sentAt));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "handoff-cold");
        taker.setDaemon(true);
        taker.start();
        final long cpu0 = CpuTime.selfNs();
        final long start = System.nanoTime();
        final long deadline = start + millis * 1_000_000L;
        long n = 0;
        for (; n < maxWakes && System.nanoTime() < deadline; n++) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            queue.put(System.nanoTime());
        }
        queue.put(-1L);
        taker.join(1000);
        // Two cold wake-ups per round: the sender's timer and the taker's queue.
        cpuUsPerWake[0] = n == 0 ? Double.NaN : (CpuTime.selfNs() - cpu0) / 1e3 / (2.0 * n);
        return new Probe("hand-off to a parked thread, one way (1 per ms)", h, (System.nanoTime() - start) / 1e9);
    }

    public static Result measure(long millis, int maxRoundTrips) throws InterruptedException {
        final BlockingQueue<Long> there = new ArrayBlockingQueue<>(1);
        final BlockingQueue<Long> back = new ArrayBlockingQueue<>(1);
        final Thread echo = new Thread(() -> {
            try {
                long token;
                while ((token = there.take()) >= 0) {
                    back.put(token);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "handoff-echo");
        echo.setDaemon(true);
        echo.start();
        for (long i = 0; i < 2000; i++) { // warm the JIT
            there.put(i);
            back.take();
        }
        final Histogram h = new Histogram(3);
        final long cpu0 = CpuTime.selfNs();
        final long start = System.nanoTime();
        final long deadline = start + millis * 1_000_000L;
        long n = 0;
        for (; n < maxRoundTrips && System.nanoTime() < deadline; n++) {
            final long t0 = System.nanoTime();
            there.put(n);
            back.take();
            h.recordValue(System.nanoTime() - t0);
        }
        final long cpu = CpuTime.selfNs() - cpu0;
        final double seconds = (System.nanoTime() - start) / 1e9;
        there.put(-1L);
        echo.join(1000);
        final double[] coldCpu = new double[1];
        final Probe cold = cold(millis, maxRoundTrips, coldCpu);
        return new Result(new Probe("busy thread hand-off round trip (2 blocking-queue hand-offs)", h, seconds),
                n == 0 ? Double.NaN : cpu / 1e3 / (2.0 * n), cold, coldCpu[0]);
    }
}
