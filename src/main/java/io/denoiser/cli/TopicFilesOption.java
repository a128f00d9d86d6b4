package io.denoiser.cli;

import io.denoiser.config.TopicNames;
import io.denoiser.topics.TopicCatalog;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where topic files come from: a directory, or the copies shipped in the jar. */
public final class TopicFilesOption {

    @Option(names = "--topics-dir", paramLabel = "DIR", defaultValue = "${env:DENOISER_TOPICS_DIR}",
            description = "Directory of topic files (env DENOISER_TOPICS_DIR; default: the files shipped in the jar).")
    Path directory;

    /** The directory's files, or the jar's files of the {@code shipped} topics. */
    public TopicCatalog load(TopicNames shipped) throws IOException {
        return directory == null ? TopicCatalog.fromClasspath(shipped) : TopicCatalog.load(directory);
    }
}
