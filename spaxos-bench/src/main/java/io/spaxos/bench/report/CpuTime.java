package io.spaxos.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used by processes, from /proc/PID/stat (user + system, in clock ticks of 10 ms), and by
 * this JVM (the load generator). On a 2-core machine that runs clients and servers, CPU per write
 * is the figure that noise disturbs least.
 */
public final class CpuTime {

    /** USER_HZ on Linux, as exported to /proc: 100 on every mainstream kernel configuration. */
    private static final long TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    /** Total CPU ns of the processes (children and dead threads included), -1 if unreadable. */
    public static long processesNs(List<Long> pids) {
        long total = 0;
        for (final long pid : pids) {
            final long ns = processNs(pid);
            if (ns < 0) {
                return -1;
            }
            total += ns;
        }
        return total;
    }

    static long processNs(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (fields 14 and 15; the command name in field 2 may hold spaces, so count after ')'). */
    static long parseStat(String stat) {
        final String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        final long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** CPU ns this JVM has used. */
    public static long selfNs() {
        final var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
