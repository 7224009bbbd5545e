package io.spaxos.purityfixture;

import java.io.File;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test-only classes that each break the core's purity in one way, so {@code CorePurityTest} can
 * prove its rule fails when it should. They live outside {@code io.spaxos.core..} on purpose: the
 * real core import must never see them.
 */
public final class ImpureFixtures {

    private ImpureFixtures() {
    }

    public static final class UsesThread {
        String name() {
            return Thread.currentThread().getName();
        }
    }

    public static final class UsesRandom {
        int draw() {
            return new Random(1).nextInt();
        }
    }

    public static final class UsesSecureRandom {
        int draw() {
            return new SecureRandom().nextInt();
        }
    }

    public static final class UsesThreadLocalRandom {
        int draw() {
            return ThreadLocalRandom.current().nextInt();
        }
    }

    public static final class UsesSplittableRandom {
        int draw() {
            return new SplittableRandom(1).nextInt();
        }
    }

    public static final class UsesMathRandom {
        double draw() {
            return Math.random();
        }
    }

    public static final class UsesSystemClock {
        long now() {
            return System.nanoTime();
        }
    }

    public static final class UsesSystemMillis {
        long now() {
            return System.currentTimeMillis();
        }
    }

    public static final class UsesClock {
        long now() {
            return Clock.systemUTC().millis();
        }
    }

    public static final class UsesInstant {
        Object now() {
            return Instant.now();
        }
    }

    public static final class UsesFile {
        boolean exists() {
            return new File("x").exists();
        }
    }

    public static final class UsesNioFiles {
        boolean exists() {
            return Files.exists(Path.of("x"));
        }
    }

    public static final class UsesChannel {
        long size(FileChannel channel) throws Exception {
            return channel.size();
        }
    }

    public static final class UsesSocket {
        boolean closed(Socket socket) {
            return socket.isClosed();
        }
    }

    public static final class UsesConcurrentCollection {
        final Map<String, String> map = new ConcurrentHashMap<>();
    }

    /** Uses only what the core is allowed to: plain collections, Math.max, charsets. */
    public static final class Pure {
        final Map<String, Integer> map = new HashMap<>();

        int biggest(int a, int b) {
            return Math.max(a, b) + "x".getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
