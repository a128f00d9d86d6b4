package io.denoiser.similar;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's HNSW vector format, unchanged on disk, that accepts up to {@link #MAX_DIMENSIONS} dimensions instead of
 * Lucene's default 1024: the shipped {@code unet} writes 1568-value latents. It keeps the format's own name, so
 * segments are read back by the plain {@link Lucene99HnswVectorsFormat}; only writing checks the limit.
 */
final class WideHnswVectorsFormat extends KnnVectorsFormat {

    static final int MAX_DIMENSIONS = 4096;

    private final KnnVectorsFormat delegate = new Lucene99HnswVectorsFormat();

    WideHnswVectorsFormat() {
        super(new Lucene99HnswVectorsFormat().getName());
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return delegate.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return delegate.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return MAX_DIMENSIONS;
    }
}
