package io.spaxos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's memory from outside: heap in use (jcmd GC.heap_info), the live heap after a full
 * collection (jcmd GC.run first), and the resident set (VmRSS in /proc/PID/status). Values in KiB,
 * -1 when unreadable.
 */
record MemoryReading(long heapUsedKb, long heapLiveKb, long rssKb) {

    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    static MemoryReading of(long pid) {
        final long used = heapUsedKb(jcmd(pid, "GC.heap_info"));
        jcmd(pid, "GC.run");
        final long live = heapUsedKb(jcmd(pid, "GC.heap_info"));
        return new MemoryReading(used, live, rssKb(pid));
    }

    /** Sums "used" over the heap's spaces (one line for G1, two generations for Parallel or Serial). */
    static long heapUsedKb(String heapInfo) {
        long total = -1;
        for (final String line : heapInfo.split("\n")) {
            final Matcher m = USED.matcher(line);
            if (m.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                total = Math.max(total, 0) + Long.parseLong(m.group(1));
            }
        }
        return total;
    }

    static long rssKb(long pid) {
        try {
            final Matcher m = RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String jcmd(long pid, String command) {
        final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            final Process p = new ProcessBuilder(List.of(jcmd.toString(), String.valueOf(pid), command))
                    .redirectErrorStream(true).start();
            final String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
