package io.spaxos.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the report says about the machine: cores, memory, disk, kernel, JVM. */
public final class MachineInfo {

    private MachineInfo() {
    }

    public static List<String> describe(Path workDir) {
        final List<String> lines = new ArrayList<>();
        lines.add("- CPU: " + Runtime.getRuntime().availableProcessors() + " cores (nproc), "
                + firstMatch(Path.of("/proc/cpuinfo"), "model name").orElse("unknown model"));
        lines.add("- Memory: " + firstMatch(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"));
        lines.add("- Kernel: " + run(List.of("uname", "-sr")).strip());
        lines.add("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        lines.add("- Load average at start: " + read(Path.of("/proc/loadavg")).strip());
        lines.add("- Disk holding the data directories (`df -h " + workDir + "`):");
        lines.add("");
        lines.add("```");
        lines.add(run(List.of("df", "-h", workDir.toString())).strip());
        lines.add("```");
        lines.add("- Block devices (`lsblk -d -o NAME,SIZE,ROTA,TYPE,MODEL`):");
        lines.add("");
        lines.add("```");
        lines.add(run(List.of("lsblk", "-d", "-o", "NAME,SIZE,ROTA,TYPE,MODEL")).strip());
        lines.add("```");
        return lines;
    }

    private static java.util.Optional<String> firstMatch(Path file, String key) {
        return read(file).lines().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static String run(List<String> command) {
        try {
            final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "(" + String.join(" ", command) + " failed: " + e.getMessage() + ")";
        }
    }
}
