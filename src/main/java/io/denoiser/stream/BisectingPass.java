package io.denoiser.stream;

import io.denoiser.model.DenoisingModel;
import io.denoiser.model.Reconstruction;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch's forward pass that confines a failure to the records that cause it. The batch is shared by all
 * the tasks of a stream thread, so one record that makes the model throw would otherwise dead-letter up
 * to a whole batch of good records from other partitions: a pass that throws is run again in halves, down
 * to single records, and only a record that fails on its own fails. An {@link Error} (out of memory, a
 * native library in trouble) says nothing about the records: the same pass is retried a few times with
 * growing pauses, then given up with a {@link FailedPassException}.
 */
final class BisectingPass {

    /** One record's denoised output and latent vector, or the exception it raised on its own. */
    record Result(float[] output, float[] latent, RuntimeException failure) {
    }

    static final int ERROR_ATTEMPTS = 4;
    /** Doubled after each failed attempt: 0.1, 0.2 and 0.4 s, short against a poll interval. */
    private static final long FIRST_PAUSE_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(BisectingPass.class);

    private final ForwardPass pass;

    BisectingPass(ForwardPass pass) {
        this.pass = pass;
    }

    /** The result of every record of {@code batch}, in its order. */
    List<Result> run(DenoisingModel model, List<ThreadBatch.Pending> batch) {
        try {
            return succeeded(withRetries(model, batch));
        } catch (FailedPassException e) {
            throw e;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                return List.of(new Result(null, null, e));
            }
            int half = batch.size() / 2;
            List<Result> results = new ArrayList<>(run(model, batch.subList(0, half)));
            results.addAll(run(model, batch.subList(half, batch.size())));
            return results;
        }
    }

    private Reconstruction withRetries(DenoisingModel model, List<ThreadBatch.Pending> batch) {
        float[][] inputs = batch.stream().map(ThreadBatch.Pending::input).toArray(float[][]::new);
        int[][] shapes = batch.stream().map(ThreadBatch.Pending::shape).toArray(int[][]::new);
        for (int attempt = 1; ; attempt++) {
            try {
                return pass.run(model, inputs, shapes);
            } catch (Error e) {
                if (attempt == ERROR_ATTEMPTS) {
                    throw new FailedPassException(batch.size(), attempt, e);
                }
                long pauseMs = FIRST_PAUSE_MS << (attempt - 1);
                LOG.warn("forward pass over {} records failed with {}; retrying in {} ms", batch.size(), e, pauseMs);
                pause(pauseMs, batch.size(), attempt, e);
            }
        }
    }

    private static void pause(long millis, int records, int attempt, Error cause) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailedPassException(records, attempt, cause);
        }
    }

    private static List<Result> succeeded(Reconstruction reconstruction) {
        List<Result> results = new ArrayList<>(reconstruction.outputs().length);
        for (int i = 0; i < reconstruction.outputs().length; i++) {
            results.add(new Result(reconstruction.outputs()[i], reconstruction.latents()[i], null));
        }
        return results;
    }
}
