package io.denoiser.cli;

import io.denoiser.modeltopic.ModelReleases;
import io.denoiser.modeltopic.SigningKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the commands that write to the models topic share: the cluster, the denoisers' trust and the signing key. */
public final class RegistryOptions {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ModelTrustOptions trust;

    @Option(names = "--signing-key", converter = ExistingFileConverter.class,
            required = true, defaultValue = "${env:TRAIN_SIGNING_KEY}",
            description = "Ed25519 private key (PEM) to sign with; its .pub must sit beside it (env TRAIN_SIGNING_KEY).")
    Path signingKey;

    /** The models topic, judged by the denoisers' trust plus the signing key itself. */
    ModelReleases open(KeyPair key) throws IOException {
        return new ModelReleases(kafka.reachableConnection().baseProperties(), kafka.topics().models(),
                trust.trust(List.of(key.getPublic())), key);
    }

    KeyPair signingKeyPair() throws IOException {
        return SigningKeys.readPair(signingKey);
    }
}
