package io.denoiser.faults;

import io.denoiser.config.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What one fault did to the records sent through it, as a downstream read_committed consumer saw them: the
 * row of the reliability table ({@code target/reliability.md}) that every fault test adds.
 *
 * @param lost         keys sent that reached neither every output topic nor the dead-letter topic
 * @param duplicated   extra appearances of keys, over all output and dead-letter topics
 * @param recovery     from the fault until the last record sent before it came out
 */
public record FaultOutcome(String fault, int sent, int lost, int duplicated, int deadLettered, Duration recovery) {

    public static final Path REPORT = Path.of("target", "reliability.md");
    /** The tables this JVM has started: a test run replaces the table an earlier run left, then appends to it. */
    private static final Set<Path> STARTED = ConcurrentHashMap.newKeySet();

    /**
     * @param outputs        for each output topic, how many times each key appeared
     * @param deadLetters    how many times each key appeared on the dead-letter topic
     * @param sentAtNanos    when each key was acknowledged by the broker
     * @param firstOutput    when each key first appeared on the first output topic
     * @param faultAtNanos   when the fault was injected
     */
    public static FaultOutcome of(String fault, List<Map<String, Integer>> outputs, Map<String, Integer> deadLetters,
                           Map<String, Long> sentAtNanos, Map<String, Long> firstOutput, long faultAtNanos) {
        long lastBefore = faultAtNanos;
        for (Map.Entry<String, Long> sent : sentAtNanos.entrySet()) {
            Long out = firstOutput.get(sent.getKey());
            if (sent.getValue() < faultAtNanos && out != null) {
                lastBefore = Math.max(lastBefore, out);
            }
        }
        return counted(fault, sentAtNanos.keySet(), outputs, deadLetters, Duration.ofNanos(lastBefore - faultAtNanos));
    }

    /**
     * The outcome of a fault test that sends a fixed set of keys and reads every output topic once after it,
     * {@code recovery} being from the fault until that read had every expected record.
     */
    public static FaultOutcome read(String fault, Collection<String> sent, List<List<ConsumerRecord<String, byte[]>>> outputs,
                                    List<ConsumerRecord<String, byte[]>> deadLetters, Duration recovery) {
        return counted(fault, Set.copyOf(sent), outputs.stream().map(FaultOutcome::counts).toList(), counts(deadLetters),
                recovery);
    }

    private static Map<String, Integer> counts(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().collect(Collectors.toMap(ConsumerRecord::key, record -> 1, Integer::sum));
    }

    private static FaultOutcome counted(String fault, Set<String> sent, List<Map<String, Integer>> outputs,
                                        Map<String, Integer> deadLetters, Duration recovery) {
        Set<String> lost = new HashSet<>();
        int duplicated = 0;
        for (Map<String, Integer> output : outputs) {
            for (String key : sent) {
                if (!output.containsKey(key) && !deadLetters.containsKey(key)) {
                    lost.add(key);
                }
            }
            duplicated += output.values().stream().mapToInt(count -> count - 1).sum();
        }
        duplicated += deadLetters.values().stream().mapToInt(count -> count - 1).sum();
        return new FaultOutcome(fault, sent.size(), lost.size(), duplicated, deadLetters.size(), recovery);
    }

    /**
     * The outcome of the keys sent in {@code [from, to)} (nanoTime) of a fault injected at {@code at}, as the
     * watcher saw them on the default denoised, latent and dead-letter topics.
     */
    public static FaultOutcome observed(String fault, CommittedOutputWatcher watcher, Map<String, Long> sent, long from, long to,
                                 long at) {
        TopicNames topics = TopicNames.defaults();
        Map<String, Long> window = sent.entrySet().stream()
                .filter(entry -> entry.getValue() >= from && entry.getValue() < to)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return of(fault, List.of(only(watcher.counts(topics.denoisedImages()), window),
                        only(watcher.counts(topics.latentVectors()), window)),
                only(watcher.counts(topics.deadLetters()), window), window, watcher.firstSeen(topics.denoisedImages()), at);
    }

    private static Map<String, Integer> only(Map<String, Integer> counts, Map<String, Long> keys) {
        return counts.entrySet().stream().filter(entry -> keys.containsKey(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Adds this row to the reliability table of this test run. */
    public void report() throws IOException {
        report(REPORT);
    }

    /** Adds this row to {@code table}, first replacing whatever an earlier run wrote there with the header. */
    void report(Path table) throws IOException {
        Files.createDirectories(table.toAbsolutePath().getParent());
        if (STARTED.add(table.toAbsolutePath())) {
            Files.writeString(table, "| fault | sent | lost | duplicated | dead-lettered | recovered in |\n"
                    + "|---|---|---|---|---|---|\n");
        }
        Files.writeString(table, String.format("| %s | %d | %d | %d | %d | %.1f s |%n", fault, sent, lost, duplicated,
                deadLettered, recovery.toMillis() / 1000.0), StandardOpenOption.APPEND);
    }
}
