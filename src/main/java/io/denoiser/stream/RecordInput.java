package io.denoiser.stream;

import io.denoiser.codec.DType;
import io.denoiser.codec.ImageResize;
import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.InvalidRecordException.Reason;
import io.denoiser.codec.Luminance;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.model.ImageTiling;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelShape;
import java.util.Arrays;
import java.util.Optional;

/**
 * Turns a pipeline's input record into the tensor its model takes: a value over the byte limit, or a key
 * or headers over theirs, refused before anything reads it, the format from the content-type header or the bytes,
 * decoded with sizes checked first, then the shape checked against what the model accepts.
 * A tiled image model takes images of any size it can tile, grayscale or colour, as they are. A model of
 * one fixed shape takes only that shape: a colour PNG or JPEG is reduced to its luminance first (those
 * models are single-channel), and an image of another size is resized only when the pipeline allows it and
 * the model takes single-channel images ({@code [1, H, W]}). A sequence model fully convolutional in time
 * also takes windows of the other lengths its design accepts. Everything else of the wrong shape is refused.
 */
final class RecordInput {

    /**
     * A decoded input and the format it came in, which the output format may follow.
     *
     * @param modelShape the shape the model is given: the tensor's, or for a tiled model its image
     *                   {@code [H, W]} or {@code [C, H, W]}
     * @param binaryType the element type it came in as a binary tensor, so that "as the input" answers in the
     *                   same type and byte order; null for the other formats and for a resized image
     */
    record Decoded(Tensor tensor, int[] modelShape, TensorFormat format, DType binaryType) {
    }

    private final TensorCodec codec;
    private final Pipeline pipeline;
    private final int maxBytes;

    RecordInput(TensorCodec codec, Pipeline pipeline, int maxBytes) {
        this.codec = codec;
        this.pipeline = pipeline;
        this.maxBytes = maxBytes;
    }

    /** Decodes {@code record} into what the version {@code model} uses now takes, or says why it cannot. */
    Decoded read(BufferedRecord record, ModelCatalog model) {
        byte[] value = record.value();
        // A compressed producer can put a value far larger than the topic's limit on it; nothing that
        // size may be decoded, buffered or copied whole into a dead letter.
        if (value != null && value.length > maxBytes) {
            throw new InvalidRecordException(Reason.OVERSIZE, "value of " + value.length
                    + " bytes exceeds the limit of " + maxBytes + " bytes (--max-input-bytes)");
        }
        // Keys come whole into every output, dead letter and changelog entry; the same producer can send a huge one.
        int keyBytes = DeadLetters.utf8Length(record.key());
        if (keyBytes > DenoiserConfig.MAX_KEY_BYTES) {
            throw new InvalidRecordException(Reason.OVERSIZE, "key of " + keyBytes + " bytes exceeds the limit of "
                    + DenoiserConfig.MAX_KEY_BYTES + " bytes");
        }
        // Headers pass on to every output and dead letter, within the same room beyond the value as the key.
        int headerBytes = PassedHeaders.bytes(record.headers());
        if (headerBytes > PassedHeaders.MAX_BYTES) {
            throw new InvalidRecordException(Reason.OVERSIZE, "headers of " + headerBytes
                    + " bytes exceed the limit of " + PassedHeaders.MAX_BYTES + " bytes");
        }
        int[] modelInput = model.currentShape().input();
        Optional<ImageTiling> tiling = model.currentTiling();
        TensorFormat format = TensorCodec.formatOf(value, record.contentType());
        Tensor tensor = codec.decode(value, format);
        DType binaryType = format == TensorFormat.BINARY ? TensorCodec.binaryType(value) : null;
        if (tiling.isPresent()) {
            return new Decoded(tensor, TiledShapes.imageShape(tensor.shape(), tiling.get()), format, binaryType);
        }
        if (format.isImage() && Luminance.isColour(tensor)) {
            tensor = Luminance.of(tensor);
        }
        int[] expected = ModelShape.squeeze(modelInput);
        if (Arrays.equals(ModelShape.squeeze(tensor.shape()), expected)) {
            return new Decoded(tensor, tensor.shape(), format, binaryType);
        }
        if (!format.isImage()) {
            try {
                model.checkInput(tensor.shape());
                return new Decoded(tensor, tensor.shape(), format, binaryType);
            } catch (InvalidModelException e) {
                throw new InvalidRecordException(Reason.WRONG_SHAPE, "shape " + Arrays.toString(tensor.shape())
                        + " does not match the model's " + Arrays.toString(modelInput) + " (" + e.getMessage() + ")");
            }
        }
        if (pipeline.resizeImages() && modelInput.length == 3 && modelInput[0] == 1) {
            Tensor resized = ImageResize.bilinear(tensor, modelInput[1], modelInput[2]);
            return new Decoded(resized, resized.shape(), format, null);
        }
        throw new InvalidRecordException(Reason.WRONG_SHAPE, "shape " + Arrays.toString(tensor.shape())
                + " does not match the model's " + Arrays.toString(modelInput)
                + (pipeline.resizeImages() ? "" : " (resizing images is off for this pipeline)"));
    }
}
