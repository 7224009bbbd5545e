package io.spaxos.server.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The clusters of a test: their log tails are printed when the test fails, and they are stopped
 * after it. A cluster {@link #add}ed in a test is stopped after that test; one added with
 * {@link #addForClass} (from {@code @BeforeAll}, with the extension in a static field) after the
 * last test of the class.
 * <pre>
 * {@literal @}RegisterExtension final ProcessClusters clusters = new ProcessClusters();
 * {@literal @}TempDir Path dir;
 * ...
 * ProcessCluster cluster = clusters.add(ProcessCluster.builder(dir, Ports.base(k, 0)).build()).startAll();
 * </pre>
 */
public final class ProcessClusters implements AfterTestExecutionCallback, AfterEachCallback, AfterAllCallback {

    private static final int TAIL_LINES = 60;

    private final List<ProcessCluster> perTest = new ArrayList<>();
    private final List<ProcessCluster> perClass = new ArrayList<>();

    public synchronized ProcessCluster add(ProcessCluster cluster) {
        perTest.add(cluster);
        return cluster;
    }

    public synchronized ProcessCluster addForClass(ProcessCluster cluster) {
        perClass.add(cluster);
        return cluster;
    }

    @Override
    public synchronized void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            final List<ProcessCluster> all = new ArrayList<>(perClass);
            all.addAll(perTest);
            for (final ProcessCluster cluster : all) {
                System.err.println("---- " + context.getDisplayName() + " failed; logs of the cluster in "
                        + cluster.dir() + ":\n" + cluster.logTails(TAIL_LINES));
            }
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        closeAll(perTest);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        closeAll(perClass);
    }

    private static void closeAll(List<ProcessCluster> clusters) {
        RuntimeException first = null;
        for (final ProcessCluster cluster : clusters) {
            try {
                cluster.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        clusters.clear();
        if (first != null) {
            throw first;
        }
    }
}
