package io.denoiser.cli;

import io.denoiser.topics.TopicCatalog;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where topic files come from: a directory, or the copies shipped in the jar. */
public final class TopicFilesOption {

    @Option(names = "--topics-dir", paramLabel = "DIR", defaultValue = "${env:DENOISER_TOPICS_DIR}",
            description = "Directory of topic files (env DENOISER_TOPICS_DIR; default: the files shipped in the jar).")
    Path directory;

    public TopicCatalog load() throws IOException {
        return directory == null ? TopicCatalog.fromClasspath() : TopicCatalog.load(directory);
    }
}
