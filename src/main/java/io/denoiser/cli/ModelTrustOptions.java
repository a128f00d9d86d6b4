package io.denoiser.cli;

import io.denoiser.modeltopic.ModelTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Which models from the models topic a command trusts: signature checking, on unless explicitly turned off. */
public final class ModelTrustOptions {

    private static final Logger LOG = LoggerFactory.getLogger(ModelTrustOptions.class);

    @Option(names = "--model-public-keys", split = ",", defaultValue = "${env:DENOISER_MODEL_PUBLIC_KEYS}",
            description = "Ed25519 public keys (PEM files, or directories of *.pub / *.pem) whose signatures make "
                    + "a model record from the topic trusted (env DENOISER_MODEL_PUBLIC_KEYS).")
    List<Path> publicKeys;

    @Option(names = "--allow-unsigned-models", defaultValue = "${env:DENOISER_ALLOW_UNSIGNED_MODELS:-false}",
            description = "Also run unsigned model records from the topic. Off by default; logged loudly when on "
                    + "(env DENOISER_ALLOW_UNSIGNED_MODELS).")
    boolean allowUnsigned;

    ModelTrust trust() throws IOException {
        return trust(List.of());
    }

    /** The configured trust plus {@code extraKeys}, e.g. the key a registry command signs with. */
    ModelTrust trust(List<PublicKey> extraKeys) throws IOException {
        List<PublicKey> keys = new ArrayList<>(publicKeys == null ? List.of() : ModelTrust.readKeys(publicKeys));
        keys.addAll(extraKeys);
        ModelTrust trust = ModelTrust.of(keys, allowUnsigned);
        if (allowUnsigned) {
            LOG.warn("SIGNATURE CHECKING IS OFF for unsigned models: any unsigned record on the models topic will "
                    + "run on this instance (--allow-unsigned-models)");
        } else if (trust.keyCount() == 0) {
            LOG.warn("no model public keys configured: models from the topic are refused and the shipped ones serve");
        } else {
            LOG.info("model records from the topic must be signed by one of {} trusted keys", trust.keyCount());
        }
        return trust;
    }
}
