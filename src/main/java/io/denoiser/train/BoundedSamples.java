package io.denoiser.train;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The newest samples, oldest dropped first, bounded both by their number and by their total values: a
 * count alone would not bound the memory of images of any size.
 */
final class BoundedSamples {

    private final ArrayDeque<Tensor> samples = new ArrayDeque<>();
    private final int capacity;
    private final long maxElements;
    private long elements;

    BoundedSamples(int capacity, long maxElements) {
        if (capacity < 1 || maxElements < 1) {
            throw new IllegalArgumentException("a window holds at least one sample of one value");
        }
        this.capacity = capacity;
        this.maxElements = maxElements;
    }

    /** Adds {@code sample} as the newest, then drops the oldest until both bounds hold again. */
    void add(Tensor sample) {
        int size = sample.values().length;
        if (size > maxElements) {
            throw new InvalidRecordException(InvalidRecordException.Reason.OVERSIZE,
                    size + " values, more than the whole window's " + maxElements);
        }
        samples.addLast(sample);
        elements += size;
        while (samples.size() > capacity || elements > maxElements) {
            elements -= samples.removeFirst().values().length;
        }
    }

    int size() {
        return samples.size();
    }

    long elements() {
        return elements;
    }

    /** Oldest first. */
    List<Tensor> list() {
        return List.copyOf(samples);
    }
}
