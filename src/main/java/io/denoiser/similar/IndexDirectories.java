package io.denoiser.similar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * Where each space's index lives: on the heap, or in its own subdirectory of a directory on disk, memory-mapped,
 * so that a large index takes page cache rather than heap. Either way the index is rebuilt from the topic at
 * start: on disk, indexes of an earlier run are deleted.
 */
final class IndexDirectories {

    private static final String PREFIX = "space-";

    private final Path root;
    private final AtomicInteger opened = new AtomicInteger();

    private IndexDirectories(Path root) {
        this.root = root;
    }

    static IndexDirectories inMemory() {
        return new IndexDirectories(null);
    }

    /** Subdirectories of {@code root}, which is created if missing; its {@code space-*} entries are deleted. */
    static IndexDirectories onDisk(Path root) throws IOException {
        Files.createDirectories(root);
        try (Stream<Path> earlier = Files.list(root)) {
            for (Path directory : earlier.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                deleteRecursively(directory);
            }
        }
        return new IndexDirectories(root);
    }

    /** A new empty directory for one space; named by a counter, since space ids may hold any character. */
    Directory open() throws IOException {
        if (root == null) {
            return new ByteBuffersDirectory();
        }
        return new MMapDirectory(Files.createDirectories(root.resolve(PREFIX + opened.incrementAndGet())));
    }

    /** Closes a directory {@link #open} gave, once its index is closed, and deletes what it left on disk. */
    void discard(Directory directory) throws IOException {
        Path files = directory instanceof MMapDirectory mapped ? mapped.getDirectory() : null;
        directory.close();
        if (files != null) {
            deleteRecursively(files);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
