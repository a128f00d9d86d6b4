package io.denoiser.similar;

import java.util.OptionalLong;

/**
 * One answer to a nearest-neighbour query.
 *
 * @param score cosine similarity to the query vector, -1 to 1, higher is nearer
 * @param hash  the record's semantic hash, when it carried one
 */
record Neighbour(String key, double score, String model, long version, String space, OptionalLong hash) {
}
