package io.denoiser.stream;

/** Names of one pipeline's nodes in the topology, prefixed by the pipeline's name. */
record PipelineNodes(String pipeline) {

    String source() {
        return pipeline + "-input";
    }

    String denoiser() {
        return pipeline + "-denoiser";
    }

    String denoisedSink() {
        return pipeline + "-denoised";
    }

    String latentSink() {
        return pipeline + "-latent";
    }

    /** The changelogged store that holds records waiting for their batch. */
    String bufferStore() {
        return pipeline + "-batch-buffer";
    }

    String deadLetterSink() {
        return pipeline + "-dead-letters";
    }
}
