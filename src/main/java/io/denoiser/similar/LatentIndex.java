package io.denoiser.similar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every latent space {@code similar} keeps, one {@link SpaceIndex} each, so that vectors of other sizes or of
 * incomparable models never meet in one HNSW graph.
 *
 * <p>A space belongs to the model whose record opened it; a model keeps its newest {@code spacesPerModel} spaces
 * and the oldest is closed when one more opens. After a model swap that changes the space, its old space goes on
 * answering the queries that name no space until the new one has caught up: until it holds at least as many keys
 * as any older space of the model. Until then the new space is searched only when a query names it.
 *
 * <p>Documents are written under the read lock (Lucene's writer is thread-safe); only opening and closing spaces
 * takes the write lock, so a query never searches a closed space.
 */
final class LatentIndex implements AutoCloseable {

    private final IndexDirectories directories;
    private final int spacesPerModel;
    private final SimilarMetrics metrics;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Spaces in the order they opened, with the model that opened each. */
    private final Map<String, SpaceIndex> spaces = new LinkedHashMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();

    LatentIndex(IndexDirectories directories, int spacesPerModel, SimilarMetrics metrics) {
        if (spacesPerModel < 1) {
            throw new IllegalArgumentException("at least one space per model, not " + spacesPerModel);
        }
        this.directories = directories;
        this.spacesPerModel = spacesPerModel;
        this.metrics = metrics;
    }

    void put(LatentRecord record) throws IOException {
        if (record.vector().length > WideHnswVectorsFormat.MAX_DIMENSIONS) {
            // Checked before a space opens for it: an unusable space would push a good one out.
            throw new IllegalArgumentException(record.vector().length + " values, more than the "
                    + WideHnswVectorsFormat.MAX_DIMENSIONS + " the index takes");
        }
        lock.readLock().lock();
        try {
            SpaceIndex space = spaces.get(record.space());
            if (space != null) {
                space.put(record);
                return;
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            SpaceIndex space = spaces.get(record.space());
            if (space == null) {
                space = open(record.space(), record);
                spaces.put(record.space(), space);
            }
            space.put(record);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A tombstone: the key leaves every space. */
    void delete(String key) throws IOException {
        lock.readLock().lock();
        try {
            for (SpaceIndex space : spaces.values()) {
                space.delete(key);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Makes everything put so far searchable. */
    void refresh() throws IOException {
        lock.readLock().lock();
        try {
            for (SpaceIndex space : spaces.values()) {
                space.refresh();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    List<SpaceSummary> spaces() {
        lock.readLock().lock();
        try {
            List<SpaceSummary> summaries = new ArrayList<>();
            spaces.forEach((id, space) -> summaries.add(new SpaceSummary(id, owners.get(id), space.dimension(),
                    space.documents(), serving(owners.get(id)).filter(space::equals).isPresent())));
            return summaries;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The neighbours of the vector stored for {@code key}, itself left out. Without {@code space}, the key is looked
     * up in the spaces that serve (of {@code model}, if given), then in the others, newest first.
     *
     * @throws NoSuchElementException when no space searched holds the key
     */
    List<Neighbour> nearestToKey(String key, int k, String space, String model) throws IOException {
        lock.readLock().lock();
        try {
            for (SpaceIndex candidate : space != null ? List.of(named(space)) : lookupOrder(model)) {
                Optional<float[]> vector = candidate.vectorOf(key);
                if (vector.isPresent()) {
                    return candidate.nearest(vector.get(), k, key, model);
                }
            }
            throw new NoSuchElementException("no key " + key + (space == null ? "" : " in space " + space)
                    + (model == null ? "" : " of model " + model));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The neighbours of {@code vector} in {@code space}; without it, in the serving space of {@code model}; without
     * either, in the one serving space of the vector's size.
     */
    List<Neighbour> nearestToVector(float[] vector, int k, String space, String model) throws IOException {
        lock.readLock().lock();
        try {
            SpaceIndex target;
            if (space != null) {
                target = named(space);
            } else if (model != null) {
                target = serving(model).orElseThrow(() -> new NoSuchElementException("no space of model " + model));
            } else {
                target = onlyServingSpaceOf(vector.length);
            }
            return target.nearest(vector, k, null, model);
        } finally {
            lock.readLock().unlock();
        }
    }

    private SpaceIndex open(String id, LatentRecord record) throws IOException {
        List<String> ofModel = spacesOf(record.model());
        if (ofModel.size() >= spacesPerModel) {
            close(ofModel.get(0));
        }
        SpaceIndex space = new SpaceIndex(id, record.vector().length, directories.open());
        owners.put(id, record.model());
        metrics.spaceOpened(id, record.model(), space::documents);
        return space;
    }

    private void close(String id) throws IOException {
        SpaceIndex space = spaces.remove(id);
        owners.remove(id);
        metrics.spaceClosed(id);
        space.close();
        directories.discard(space.directory());
    }

    private SpaceIndex named(String space) {
        SpaceIndex index = spaces.get(space);
        if (index == null) {
            throw new NoSuchElementException("no space " + space);
        }
        return index;
    }

    /** The newest space of the model holding at least as many keys as each older one. */
    private Optional<SpaceIndex> serving(String model) {
        SpaceIndex serving = null;
        int mostOlder = 0;
        for (String id : spacesOf(model)) {
            SpaceIndex space = spaces.get(id);
            if (space.documents() >= mostOlder) {
                serving = space;
            }
            mostOlder = Math.max(mostOlder, space.documents());
        }
        return Optional.ofNullable(serving);
    }

    private List<SpaceIndex> lookupOrder(String model) {
        List<SpaceIndex> order = new ArrayList<>();
        List<String> models = model != null ? List.of(model) : owners.values().stream().distinct().toList();
        models.forEach(m -> serving(m).ifPresent(order::add));
        List<String> newestFirst = new ArrayList<>(spaces.keySet());
        Collections.reverse(newestFirst);
        newestFirst.stream().filter(id -> model == null || model.equals(owners.get(id))).map(spaces::get)
                .filter(space -> !order.contains(space)).forEach(order::add);
        return order;
    }

    private SpaceIndex onlyServingSpaceOf(int dimension) {
        List<SpaceIndex> candidates = owners.values().stream().distinct().map(this::serving).flatMap(Optional::stream)
                .filter(space -> space.dimension() == dimension).toList();
        if (candidates.isEmpty()) {
            throw new NoSuchElementException("no space holds " + dimension + "-value vectors");
        }
        if (candidates.size() > 1) {
            throw new IllegalArgumentException("several spaces hold " + dimension + "-value vectors, name one with "
                    + "space= or model=: " + candidates.stream().map(SpaceIndex::space).toList());
        }
        return candidates.get(0);
    }

    private List<String> spacesOf(String model) {
        return owners.entrySet().stream().filter(e -> e.getValue().equals(model)).map(Map.Entry::getKey).toList();
    }

    @Override
    public void close() throws IOException {
        lock.writeLock().lock();
        try {
            for (String id : List.copyOf(spaces.keySet())) {
                close(id);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
