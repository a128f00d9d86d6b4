package io.denoiser.similar;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.InvalidRecordException.Reason;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** One latent vector as the index keeps it: whose it is, which model made it, in which space. */
record LatentRecord(String key, String model, long version, String space, OptionalLong hash, float[] vector) {

    /**
     * Reads a latent topic record: a binary float32 or JSON tensor of any shape, flattened, with the denoiser's
     * headers. Throws {@link InvalidRecordException} for a record that is not one, and {@link IllegalArgumentException}
     * for an all-zero vector, which has no direction for cosine similarity to compare (Lucene refuses it too).
     */
    static LatentRecord of(ConsumerRecord<String, byte[]> record, TensorCodec codec) {
        if (record.key() == null) {
            throw new InvalidRecordException(Reason.UNPARSABLE, "no key");
        }
        String model = LatentHeaders.modelName(record.headers());
        if (model == null || model.isBlank()) {
            throw new InvalidRecordException(Reason.UNPARSABLE, "no model name header");
        }
        Header contentType = record.headers().lastHeader(TensorFormat.CONTENT_TYPE_HEADER);
        TensorFormat format = TensorCodec.formatOf(record.value(),
                contentType == null ? null : new String(contentType.value(), StandardCharsets.UTF_8));
        float[] vector = codec.decode(record.value(), format).values();
        if (isZero(vector)) {
            throw new IllegalArgumentException("zero vector");
        }
        return new LatentRecord(record.key(), model, LatentHeaders.modelVersion(record.headers()),
                LatentHeaders.space(record.headers()), LatentHeaders.hash(record.headers()), vector);
    }

    private static boolean isZero(float[] vector) {
        for (float value : vector) {
            if (value != 0f) {
                return false;
            }
        }
        return true;
    }
}
