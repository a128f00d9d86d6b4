package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ModelRecordCodec;
import io.denoiser.modeltopic.ModelSignature;
import io.denoiser.modeltopic.ModelTrust;
import io.denoiser.modeltopic.SigningKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteAKeyPairWhosePrivateHalfOnlyTheOwnerReadsAndWhoseSignaturesTheDenoiserTrusts() throws Exception {
        assertThat(run("keys", "generate", "--out", dir.toString())).isZero();
        Path privateKey = dir.resolve("model-signing.key");
        Path publicKey = dir.resolve("model-signing.pub");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");

        byte[] signed = ModelSignature.sign(ModelRecordCodec.encode(ModelRecords.cnnSeed(2, 1)),
                new KeyPair(SigningKeys.readPublic(publicKey), SigningKeys.readPrivate(privateKey)));
        ModelTrustOptions options = new ModelTrustOptions();
        new CommandLine(options).parseArgs("--model-public-keys", publicKey.toString());
        ModelTrust trust = options.trust();
        assertThat(trust.open(signed).version()).isEqualTo(2);

        assertThat(run("keys", "generate", "--out", dir.toString())).as("never overwrites").isEqualTo(1);
        assertThat(run("keys", "generate", "--out", dir.toString(), "--keep-existing")).isZero();
        assertThat(ModelTrust.readKeys(List.of(dir))).hasSize(1);
    }

    @Test
    void shouldCopyThePublicKeyAloneIntoTheDirectoryOfTheServicesThatOnlyVerify() throws Exception {
        Path keys = dir.resolve("keys");
        Path publicOnly = dir.resolve("public");
        assertThat(run("keys", "generate", "--out", keys.toString(), "--public-out", publicOnly.toString())).isZero();

        try (var files = Files.list(publicOnly)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("model-signing.pub");
        }
        assertThat(Files.readString(publicOnly.resolve("model-signing.pub")))
                .isEqualTo(Files.readString(keys.resolve("model-signing.pub")));

        Files.delete(publicOnly.resolve("model-signing.pub"));
        assertThat(run("keys", "generate", "--out", keys.toString(), "--public-out", publicOnly.toString(),
                "--keep-existing")).isZero();
        assertThat(publicOnly.resolve("model-signing.pub")).hasSameTextualContentAs(keys.resolve("model-signing.pub"));
    }

    private static int run(String... args) {
        return new CommandLine(new Main()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(new StringWriter())).execute(args);
    }
}
