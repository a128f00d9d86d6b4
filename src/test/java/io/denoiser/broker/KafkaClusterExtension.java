package io.denoiser.broker;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestKafkaCluster} shared by all tests of a class: started before the first test, closed after the last.
 * Starting a broker takes seconds, so integration tests share one per class rather than one per test; this extension
 * spares each of them the static field and the {@code @BeforeAll}/{@code @AfterAll} pair that would say so:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();
 * ...
 * KAFKA.cluster().connection()
 * }</pre>
 *
 * <p>Registered on a static field, its callbacks run around the class's own: {@code @BeforeAll} methods find the
 * cluster started (and may create topics on it), {@code @AfterAll} methods find it still running. A {@code @Nested}
 * class shares its enclosing class's cluster.
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private TestKafkaCluster cluster;
    private String owner;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (cluster == null) {
            cluster = TestKafkaCluster.start();
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null && context.getUniqueId().equals(owner)) {
            try {
                cluster.close();
            } finally {
                cluster = null;
                owner = null;
            }
        }
    }

    /** The running cluster; only from the tests (and lifecycle methods) of the class that registered this extension. */
    public TestKafkaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("No cluster is running: register the extension on a static field with "
                    + "@RegisterExtension, and use the cluster only from that class's tests and lifecycle methods");
        }
        return cluster;
    }
}
