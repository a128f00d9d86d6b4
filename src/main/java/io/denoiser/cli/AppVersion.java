package io.denoiser.cli;

import io.denoiser.config.BuildVersion;
import picocli.CommandLine.IVersionProvider;

/** The pom's version, as built. */
public final class AppVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"kafka-denoiser " + BuildVersion.current()};
    }
}
