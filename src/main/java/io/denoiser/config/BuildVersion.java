package io.denoiser.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The pom's project.version, which Maven filters into a resource at build time. */
public final class BuildVersion {

    private static final String RESOURCE = "/io/denoiser/version.properties";

    private BuildVersion() {
    }

    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: build with Maven, which writes it");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
