package io.denoiser.config;

/** The version Maven wrote into the jar manifest, or "dev" when running from classes. */
public final class BuildVersion {

    private BuildVersion() {
    }

    public static String current() {
        String version = BuildVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
