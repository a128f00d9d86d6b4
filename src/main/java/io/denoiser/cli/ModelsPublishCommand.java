package io.denoiser.cli;

import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.ModelReleases;
import io.denoiser.modeltopic.SigningKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code models publish}: a model file, verified and signed, as the next version on the models topic. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish a model file (from `train --once`) as the next version, signed.")
public final class ModelsPublishCommand implements Callable<Integer> {

    @Mixin
    RegistryOptions registry;

    @Option(names = "--file", converter = ExistingFileConverter.class,
            required = true, description = "Model file to publish.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelRecord model = ModelFiles.read(file);
        KeyPair key = registry.signingKeyPair();
        try (ModelReleases releases = registry.open(key)) {
            ModelRecord published = releases.publish(model);
            out().printf("published %s v%d from %s, signed by %s%n", published.name(), published.version(), file,
                    SigningKeys.keyId(key.getPublic()));
        }
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
