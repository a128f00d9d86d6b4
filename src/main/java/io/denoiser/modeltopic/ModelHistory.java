package io.denoiser.modeltopic;

import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every record of the models topic still present after compaction, oldest first, with what a denoiser
 * holding the same trust would make of it. The registry commands and the trainer decide from it which
 * version is in use and which number the next publication gets.
 */
public final class ModelHistory {

    /**
     * One record of the topic.
     *
     * @param metadata  what the record says about itself, or null if it does not even parse
     * @param trusted   the verified record, or null if the trust refused it
     * @param signer    id of the signing key, "unsigned", or "malformed"
     * @param rejection why the trust refused it, or null
     */
    public record Entry(long offset, Instant timestamp, String key, String signer, ModelMetadata metadata,
                        ModelRecord trusted, String rejection) {
    }

    private final List<Entry> entries;

    public ModelHistory(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The trusted version of {@code name} released last: the one every denoiser with this trust runs. */
    public Optional<ModelRecord> current(String name) {
        return newestFirst(name).stream().findFirst();
    }

    /**
     * Every trusted record of {@code name}, the newest release first: where a denoiser starts from. Of two
     * records under one release (two publishers), the later comes first, as compaction keeps only it.
     */
    public List<ModelRecord> newestFirst(String name) {
        List<ModelRecord> records = new ArrayList<>(trusted(name).toList());
        Collections.reverse(records);
        records.sort(Comparator.comparingLong((ModelRecord r) -> r.metadata().releaseOrder()).reversed());
        return records;
    }

    /** The most recent trusted record of {@code name} at {@code version}. */
    public Optional<ModelRecord> find(String name, long version) {
        return trusted(name).filter(r -> r.version() == version).reduce((first, later) -> later);
    }

    /** The version denoisers with this trust run: the newest trusted release, else the one shipped in the jar. */
    public Optional<ModelRecord> inUse(String name) {
        return current(name).or(() -> ShippedModels.find(name));
    }

    /**
     * The release (and, for a new version, the version number) the next publication of {@code name} needs
     * to supersede both the topic and the version in use.
     */
    public long nextReleaseAfterInUse(String name) {
        return Math.max(nextRelease(name), inUse(name).map(r -> r.metadata().releaseOrder() + 1).orElse(1L));
    }

    /**
     * The release number the next publication of {@code name} must carry to supersede everything on the
     * topic, trusted or not. Releases never go below versions, so it is also a version number never used.
     */
    public long nextRelease(String name) {
        return entries.stream().filter(e -> ModelKeys.isKeyOf(e.key(), name)).mapToLong(ModelHistory::release)
                .max().orElse(0) + 1;
    }

    /** Whether any record, trusted or not, stands under {@code key}. */
    public boolean hasKey(String key) {
        return entries.stream().anyMatch(e -> key.equals(e.key()));
    }

    /**
     * The keys of {@code published}'s model to delete once it is on the topic, so that the topic keeps the
     * {@code kept} newest trusted releases, {@code published} included: every key released before the oldest of
     * them, of either layout, whatever it holds.
     */
    public List<String> retiredBy(ModelRecord published, int kept) {
        String name = published.name();
        List<Long> newest = Stream.concat(trusted(name), Stream.of(published))
                .map(r -> r.metadata().releaseOrder()).distinct().sorted(Comparator.reverseOrder()).limit(kept).toList();
        long oldestKept = newest.get(newest.size() - 1);
        return entries.stream().filter(e -> ModelKeys.isKeyOf(e.key(), name) && release(e) < oldestKept)
                .map(Entry::key).distinct().toList();
    }

    /** The release an entry's key names, else the one its metadata claims, else 0. */
    private static long release(Entry entry) {
        return ModelKeys.release(entry.key()).orElse(entry.metadata() == null ? 0 : entry.metadata().releaseOrder());
    }

    /** "in use", "superseded" or "rejected: why", as a denoiser with the same trust would see it. */
    public String status(Entry entry) {
        if (entry.trusted() == null) {
            return "rejected: " + entry.rejection();
        }
        return current(entry.trusted().name()).filter(c -> c == entry.trusted()).isPresent() ? "in use" : "superseded";
    }

    private Stream<ModelRecord> trusted(String name) {
        return entries.stream().map(Entry::trusted).filter(r -> r != null && r.name().equals(name));
    }
}
