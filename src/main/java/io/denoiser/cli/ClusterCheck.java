package io.denoiser.cli;

import io.denoiser.config.KafkaConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Asks the cluster to describe itself before a command starts its clients, so an unreachable or refusing
 * cluster ends the command after a bounded wait with one line, instead of clients retrying for minutes.
 */
final class ClusterCheck {

    private ClusterCheck() {
    }

    static KafkaConnection requireReachable(KafkaConnection kafka, Duration timeout) throws IOException {
        String failure = "cannot reach Kafka at " + kafka.bootstrapServers() + " within " + written(timeout);
        Admin admin;
        try {
            admin = Admin.create(kafka.baseProperties());
        } catch (KafkaException e) {
            throw new IOException(failure + ": " + rootMessage(e), e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return kafka;
        } catch (TimeoutException e) {
            throw new IOException(failure, e);
        } catch (ExecutionException e) {
            // The admin client's own timeout may fire first; it means the same as ours.
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IOException(failure, e);
            }
            throw new IOException(failure + ": " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(failure + ": interrupted", e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /** 30s rather than PT30S, as the option is written. */
    private static String written(Duration timeout) {
        return timeout.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
