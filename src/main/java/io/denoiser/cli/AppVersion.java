package io.denoiser.cli;

import io.denoiser.config.BuildVersion;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar manifest. */
public final class AppVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"kafka-denoiser " + BuildVersion.current()};
    }
}
