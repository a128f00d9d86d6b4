package io.denoiser.config;

/**
 * One stream of records through one model: noisy records in, denoised records and latent vectors out.
 *
 * @param name           short name used in node names, headers and logs, e.g. {@code images}
 * @param inputTopic     noisy records
 * @param denoisedTopic  denoised records, same keys
 * @param latentTopic    latent vectors, same keys
 * @param modelName      the model (record key on the models topic) this pipeline serves
 */
public record Pipeline(String name, String inputTopic, String denoisedTopic, String latentTopic, String modelName) {

    public static Pipeline images(String modelName) {
        TopicNames topics = TopicNames.defaults();
        return new Pipeline("images", topics.noisyImages(), topics.denoisedImages(), topics.latentVectors(), modelName);
    }

    public static Pipeline sequences(String modelName) {
        TopicNames topics = TopicNames.defaults();
        return new Pipeline("sequences", topics.noisySequences(), topics.denoisedSequences(), topics.latentSequences(),
                modelName);
    }
}
