package io.spaxos.check;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the Jepsen etcd histories: the {@code spaxos.testdata} system property if set, else a
 * {@code shared/testdata/jepsen-etcd} or {@code testdata/jepsen-etcd} directory above the
 * working directory, else the copy on the test classpath (what a clean clone has).
 */
final class JepsenTestData {

    private static final String EXPECTED = "EXPECTED.txt";

    private JepsenTestData() {
    }

    static Path directory() {
        final String property = System.getProperty("spaxos.testdata");
        if (property != null && !property.isBlank()) {
            final Path configured = Paths.get(property);
            final Path nested = configured.resolve("jepsen-etcd");
            return Files.isRegularFile(nested.resolve(EXPECTED)) ? nested : configured;
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (final String candidate : List.of("shared/testdata/jepsen-etcd", "testdata/jepsen-etcd")) {
                if (Files.isRegularFile(dir.resolve(candidate).resolve(EXPECTED))) {
                    return dir.resolve(candidate);
                }
            }
        }
        final URL onClasspath = JepsenTestData.class.getResource("/jepsen-etcd/" + EXPECTED);
        if (onClasspath == null) {
            throw new IllegalStateException("no Jepsen etcd test data: set -Dspaxos.testdata");
        }
        try {
            return Paths.get(onClasspath.toURI()).getParent();
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** File name to whether the history is linearizable, in file order. */
    static Map<String, Boolean> expectedLabels(Path directory) throws IOException {
        final Map<String, Boolean> labels = new LinkedHashMap<>();
        for (final String line : Files.readAllLines(directory.resolve(EXPECTED))) {
            if (line.isBlank()) {
                continue;
            }
            final String[] fields = line.trim().split("\\s+");
            if (fields.length != 2 || !(fields[1].equals("linearizable") || fields[1].equals("not-linearizable"))) {
                throw new IllegalStateException("bad line in " + EXPECTED + ": " + line);
            }
            labels.put(fields[0], fields[1].equals("linearizable"));
        }
        return labels;
    }

    static List<Operation<RegisterOp<Integer>, Object>> history(String fileName) throws IOException {
        return JepsenEtcdLog.parse(directory().resolve(fileName));
    }
}
