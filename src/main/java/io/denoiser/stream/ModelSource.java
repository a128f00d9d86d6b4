package io.denoiser.stream;

/** Where the version a catalog serves came from; a version from the topic outranks the others. */
public enum ModelSource {
    /** A trusted, verified record on the models topic. */
    TOPIC,
    /** A model file the operator named ({@code --model-file}, {@code modelFile:}). */
    FILE,
    /** The model shipped in the jar. */
    JAR
}
