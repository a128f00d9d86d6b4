package io.denoiser.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar manifest. */
public final class AppVersion implements IVersionProvider {

    public static String current() {
        String version = AppVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"kafka-denoiser " + current()};
    }
}
