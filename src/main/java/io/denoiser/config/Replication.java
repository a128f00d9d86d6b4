package io.denoiser.config;

/**
 * How the topics Kafka Streams creates for the denoiser, the batch buffers' changelogs, are replicated. They
 * hold records whose input offsets are already committed, so losing a changelog loses records: they need the
 * durability of the topics in {@code topics/}, not the broker's defaults.
 *
 * @param factor            replicas of each partition; -1 takes the broker's {@code default.replication.factor}
 * @param minInsyncReplicas replicas that must have a write before it counts, under {@code acks=all}
 */
public record Replication(short factor, int minInsyncReplicas) {

    /** For a single broker (demo, benchmarks): its default factor, and one replica in sync. */
    public static final Replication SINGLE_BROKER = new Replication((short) -1, 1);

    public Replication {
        if (minInsyncReplicas < 1 || factor > 0 && minInsyncReplicas > factor) {
            throw new IllegalArgumentException("min.insync.replicas " + minInsyncReplicas
                    + " must be at least 1 and at most the replication factor " + factor);
        }
    }
}
