package io.denoiser.cli;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelReleases;
import java.io.PrintWriter;
import java.security.KeyPair;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code models rollback}: republish an earlier version as the newest, so every denoiser moves back to it. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Republish an earlier version (from the topic or the jar) as the newest release, signed; "
                + "every denoiser moves back to it and its outputs carry that version.")
public final class ModelsRollbackCommand implements Callable<Integer> {

    @Mixin
    RegistryOptions registry;

    @Option(names = "--model-name", defaultValue = DenoiserConfig.DEFAULT_IMAGE_MODEL,
            description = "Model to roll back (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "Version to go back to.")
    long version;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KeyPair key = registry.signingKeyPair();
        try (ModelReleases releases = registry.open(key)) {
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
