package io.denoiser.cli;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.TopicNames;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.SigningKeys;
import io.denoiser.train.ModelReleases;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code models rollback}: republish an earlier version as the newest, so every denoiser moves back to it. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Republish an earlier version (from the topic or the jar) as the newest release, signed; "
                + "every denoiser moves back to it and its outputs carry that version.")
public final class ModelsRollbackCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ModelTrustOptions trustOptions;

    @Option(names = "--model-name", defaultValue = DenoiserConfig.DEFAULT_IMAGE_MODEL,
            description = "Model to roll back (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "Version to go back to.")
    long version;

    @Option(names = "--signing-key", required = true, defaultValue = "${env:TRAIN_SIGNING_KEY}",
            description = "Ed25519 private key (PEM) to sign with; its .pub must sit beside it (env TRAIN_SIGNING_KEY).")
    Path signingKey;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KeyPair key = SigningKeys.readPair(signingKey);
        try (ModelReleases releases = new ModelReleases(kafka.connection(), TopicNames.defaults().models(),
                trustOptions.trust(List.of(key.getPublic())), key)) {
            Optional<ModelRecord> republished = releases.rollback(modelName, version);
            if (republished.isEmpty()) {
                out().printf("%s v%d is already the version in use%n", modelName, version);
            } else {
                out().printf("rolled %s back to v%d (release %d)%n", modelName, version,
                        republished.get().metadata().releaseOrder());
            }
        }
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
