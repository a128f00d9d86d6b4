package io.denoiser.similar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;

/**
 * The Lucene index of one latent space: every vector in it has the same dimension and is comparable with the
 * others. One document per record key, with the HNSW graph of the vectors under cosine similarity; a newer
 * record for a key replaces the older. Thread-safe: the consumer writes while HTTP threads search.
 */
final class SpaceIndex implements AutoCloseable {

    private static final String KEY = "key";
    private static final String MODEL = "model";
    private static final String VERSION = "version";
    private static final String HASH = "hash";
    private static final String VECTOR = "vector";

    private final String space;
    private final int dimension;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile int documents;

    /** Writes into {@code directory}, which must be empty; whoever opened it closes it after {@link #close}. */
    SpaceIndex(String space, int dimension, Directory directory) throws IOException {
        this.space = space;
        this.dimension = dimension;
        this.directory = directory;
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return new WideHnswVectorsFormat();
                    }
                });
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
    }

    String space() {
        return space;
    }

    int dimension() {
        return dimension;
    }

    Directory directory() {
        return directory;
    }

    /** Documents searchable now, as of the last {@link #refresh}. */
    int documents() {
        return documents;
    }

    void put(LatentRecord record) throws IOException {
        if (record.vector().length != dimension) {
            throw new IllegalArgumentException("space " + space + " holds " + dimension + "-value vectors, record "
                    + record.key() + " has " + record.vector().length);
        }
        Document document = new Document();
        document.add(new StringField(KEY, record.key(), Field.Store.YES));
        document.add(new StringField(MODEL, record.model(), Field.Store.YES));
        document.add(new StoredField(VERSION, record.version()));
        record.hash().ifPresent(hash -> document.add(new StoredField(HASH, hash)));
        document.add(new KnnFloatVectorField(VECTOR, record.vector(), VectorSimilarityFunction.COSINE));
        writer.updateDocument(new Term(KEY, record.key()), document);
    }

    void delete(String key) throws IOException {
        writer.deleteDocuments(new Term(KEY, key));
    }

    /** Makes what was put so far searchable. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
        IndexSearcher searcher = searchers.acquire();
        try {
            documents = searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /** The vector stored for {@code key}, if this space has one. */
    Optional<float[]> vectorOf(String key) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs hit = searcher.search(new TermQuery(new Term(KEY, key)), 1);
            if (hit.scoreDocs.length == 0) {
                return Optional.empty();
            }
            int doc = hit.scoreDocs[0].doc;
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
            values.advance(doc - leaf.docBase);
            return Optional.of(values.vectorValue().clone());
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The {@code k} nearest vectors to {@code vector} (approximately: an HNSW search), nearest first, leaving out
     * {@code excludedKey} and, when {@code model} is not null, vectors of other models.
     */
    List<Neighbour> nearest(float[] vector, int k, String excludedKey, String model) throws IOException {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("space " + space + " holds " + dimension + "-value vectors, the query has "
                    + vector.length);
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, vector, k, filter(excludedKey, model)), k);
            List<Neighbour> neighbours = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                Document stored = searcher.storedFields().document(hit.doc);
                Number hash = stored.getField(HASH) == null ? null : stored.getField(HASH).numericValue();
                // Lucene scores cosine similarity c as (1 + c) / 2, to keep scores positive.
                neighbours.add(new Neighbour(stored.get(KEY), 2.0 * hit.score - 1, stored.get(MODEL),
                        stored.getField(VERSION).numericValue().longValue(), space,
                        hash == null ? OptionalLong.empty() : OptionalLong.of(hash.longValue())));
            }
            return neighbours;
        } finally {
            searchers.release(searcher);
        }
    }

    private static Query filter(String excludedKey, String model) {
        if (excludedKey == null && model == null) {
            return null;
        }
        BooleanQuery.Builder filter = new BooleanQuery.Builder();
        filter.add(model == null ? new MatchAllDocsQuery() : new TermQuery(new Term(MODEL, model)), Occur.FILTER);
        if (excludedKey != null) {
            filter.add(new TermQuery(new Term(KEY, excludedKey)), Occur.MUST_NOT);
        }
        return filter.build();
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.rollback(); // nothing to keep: the index is rebuilt from the topic at every start
    }
}
