package io.denoiser.topics;

/** The format of a record's key or value, as a topic file declares it. */
public record RecordFormat(String format, String description) {
}
