package io.denoiser.stream;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import java.util.Locale;

/**
 * The values a pipeline writes for one denoised record: its denoised tensor in the pipeline's output format
 * and its latent vector. Both are checked against the output byte limit before either is written: a value the
 * producer or the output topic would refuse fails the send, and under exactly-once that failure would fail
 * the stream thread on the same record for ever. Such a record goes to the dead-letter topic instead.
 */
final class OutputValues {

    /** One record's two encoded values, with the formats their headers name. */
    record Encoded(byte[] denoised, TensorFormat denoisedFormat, byte[] latent, TensorFormat latentFormat) {
    }

    private final TensorCodec codec;
    private final OutputFormat format;
    private final int maxBytes;

    OutputValues(TensorCodec codec, Pipeline pipeline, int maxBytes) {
        this.codec = codec;
        this.format = pipeline.outputFormat();
        this.maxBytes = maxBytes;
    }

    /** Both values of {@code denoised} (of an input read as {@code in}) and {@code latent}, within the limit. */
    Encoded encode(RecordInput.Decoded in, float[] denoised, float[] latent) {
        TensorFormat denoisedFormat = format.denoised(in.format());
        TensorFormat latentFormat = format.latent(in.format());
        Tensor output = new Tensor(in.tensor().shape(), denoised);
        Tensor latentVector = new Tensor(new int[] {latent.length}, latent);
        // Binary inputs come back in their own type and byte order: 8-bit ones 8-bit (a float32 copy would be
        // four times their size), little-endian ones little-endian, for a reader that takes what it sends.
        boolean inKind = in.binaryType() != null && format == OutputFormat.AS_INPUT;
        byte[] denoisedValue = inKind ? codec.encode(output, in.binaryType()) : codec.encode(output, denoisedFormat);
        byte[] latentValue = inKind ? codec.encode(latentVector, in.binaryType().float32())
                : codec.encode(latentVector, latentFormat);
        requireWithinLimit("denoised record", denoisedValue.length, denoisedFormat);
        requireWithinLimit("latent vector", latentValue.length, latentFormat);
        return new Encoded(denoisedValue, denoisedFormat, latentValue, latentFormat);
    }

    private void requireWithinLimit(String what, int bytes, TensorFormat valueFormat) {
        if (bytes > maxBytes) {
            throw new InvalidRecordException(InvalidRecordException.Reason.OUTPUT_OVERSIZE, what + " of " + bytes
                    + " bytes (" + valueFormat.name().toLowerCase(Locale.ROOT) + ") exceeds the limit of "
                    + maxBytes + " bytes (--max-output-bytes)");
        }
    }
}
