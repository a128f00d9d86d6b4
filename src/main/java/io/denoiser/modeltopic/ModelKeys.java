package io.denoiser.modeltopic;

import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import java.util.OptionalLong;

/**
 * The models topic's keys: one per publication, {@code <model name>/<release>}, e.g. {@code cnn-seed/7}.
 * With one key per model, compaction kept whatever was written last under it, so a garbage record, a
 * tombstone or a replayed old record erased the version in use for every instance that started afterwards.
 * With one key per release, a record only ever replaces the same release, and readers take the newest
 * trusted release among all the model's keys. Records under the bare model name, the layout before, are still
 * read.
 */
public final class ModelKeys {

    private static final char SEPARATOR = '/';

    private ModelKeys() {
    }

    /** The key {@code record} is published under. */
    public static String of(ModelRecord record) {
        return record.name() + SEPARATOR + record.metadata().releaseOrder();
    }

    /** Whether {@code key} is one of model {@code name}'s keys, of either layout. */
    public static boolean isKeyOf(String key, String name) {
        return name.equals(key) || key != null && key.startsWith(name + SEPARATOR) && release(key).isPresent();
    }

    /** The release a key of the per-release layout names; empty for any other key. */
    public static OptionalLong release(String key) {
        int separator = key.lastIndexOf(SEPARATOR);
        String number = key.substring(separator + 1);
        if (separator < 0 || number.isEmpty() || number.length() > 18 || !number.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(number));
    }

    /**
     * Throws {@link InvalidModelException} ({@code KEY_MISMATCH}) unless {@code record} stands under its own key
     * or its model's bare name: a signed record copied under another release's key must not count as that release.
     */
    public static void check(String key, ModelRecord record) {
        if (!record.name().equals(key) && !of(record).equals(key)) {
            throw new InvalidModelException(InvalidModelException.Reason.KEY_MISMATCH, "record of " + of(record)
                    + " under key " + key);
        }
    }
}
