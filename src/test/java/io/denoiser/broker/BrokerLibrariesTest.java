package io.denoiser.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BrokerLibrariesTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheBrokerFromTheApplicationJarAndTheJarsOfLibBrokerBesideIt() throws IOException {
        Path jar = Files.createFile(dir.resolve("kafka-denoiser.jar"));
        Path broker = Files.createDirectories(dir.resolve("lib").resolve(BrokerLibraries.DIRECTORY));
        Path server = Files.createFile(broker.resolve("kafka_2.13-4.3.1.jar"));
        Path scala = Files.createFile(broker.resolve("scala-library-2.13.18.jar"));
        Files.createFile(broker.resolve("README.txt"));
        Files.createFile(dir.resolve("lib").resolve("kafka-clients-4.3.1.jar"));

        assertThat(BrokerLibraries.urls(jar)).containsExactly(jar.toUri().toURL(), server.toUri().toURL(),
                scala.toUri().toURL());
    }

    @Test
    void shouldSayWhereTheBrokerLibrariesAreMissing() {
        assertThatThrownBy(() -> BrokerLibraries.urls(dir.resolve("kafka-denoiser.jar"))).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("lib").resolve("broker").toString());
    }
}
