package io.denoiser.model;

import java.util.Locale;

/** What a record's latent vector is: the model version's embedding when it has one, or the raw bottleneck. */
public enum LatentChoice {
    /** The embedding of the denoised output when the version's record carries one, else the bottleneck. */
    EMBEDDING,
    /** The encoder's bottleneck, always: full size, comparable only within one model version. */
    BOTTLENECK;

    /** What latent records carry unless told otherwise, written once for the CLI and the pipelines file. */
    public static final String DEFAULT_ID = "embedding";

    public static LatentChoice defaultChoice() {
        return parse(DEFAULT_ID);
    }

    /** The choice named {@code text} by its {@link #id()}, case aside; an unknown name says which exist. */
    public static LatentChoice parse(String text) {
        return NamedChoice.parse(values(), LatentChoice::id, text, "latent choice");
    }

    /** The name {@link #parse} reads, e.g. {@code embedding}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
