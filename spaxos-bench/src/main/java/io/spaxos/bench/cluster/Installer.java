package io.spaxos.bench.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a peer system's program on the PATH, installing its Debian package with apt-get when it is
 * missing and we are root (as on CI and the benchmark machines); otherwise says what to install.
 */
public final class Installer {

    private Installer() {
    }

    public static Path require(String program, String debianPackage) throws IOException, InterruptedException {
        Optional<Path> found = find(program);
        if (found.isEmpty() && canInstall()) {
            System.out.println("  " + program + " not found: apt-get install " + debianPackage + " ...");
            if (!run(List.of("apt-get", "install", "-y", "-qq", debianPackage))) {
                run(List.of("apt-get", "update", "-qq"));
                run(List.of("apt-get", "install", "-y", "-qq", debianPackage));
            }
            found = find(program);
        }
        return found.orElseThrow(() -> new IOException(program + " not found on the PATH: install the Debian package "
                + debianPackage + " (apt-get install " + debianPackage + ")"));
    }

    public static Optional<Path> find(String program) {
        final String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (final String dir : (path + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
            final Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean canInstall() {
        return "root".equals(System.getProperty("user.name")) && find("apt-get").isPresent();
    }

    private static boolean run(List<String> command) throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        final Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    /** The first line a program prints for {@code --version}-like arguments, or "unknown". */
    public static String versionOf(List<String> command) {
        try {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String text = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor(10, TimeUnit.SECONDS);
            return text.lines().findFirst().orElse("unknown");
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
