package io.denoiser.stream;

import io.denoiser.model.DenoisingModel;
import io.denoiser.model.Reconstruction;

/**
 * One forward pass of a batch through a stream thread's model copy. Production runs the model itself;
 * tests wrap it, to make chosen records or passes fail the way a real model can.
 */
@FunctionalInterface
interface ForwardPass {

    ForwardPass MODEL = DenoisingModel::reconstruct;

    Reconstruction run(DenoisingModel model, float[][] inputs, int[][] shapes);
}
