package io.denoiser.cli;

import io.denoiser.modeltopic.SigningKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys generate}: an Ed25519 key pair for signing model records. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Model signing keys.",
        subcommands = KeysCommand.Generate.class)
public final class KeysCommand {

    /** Writes {@code NAME.key} (private, trainer only) and {@code NAME.pub} (public, every denoiser). */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write an Ed25519 key pair: NAME.key for the trainer, NAME.pub for every denoiser.")
    static final class Generate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", defaultValue = ".", description = "Directory (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--name", defaultValue = "model-signing", description = "File name stem (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--public-out", description = "Also write NAME.pub into this directory, alone: the one "
                + "services that only verify models mount, so the private key never reaches them.")
        Path publicOut;

        @Option(names = "--keep-existing", description = "Succeed without writing when both files already exist "
                + "(for one-shot jobs that run on every start).")
        boolean keepExisting;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            Path privateFile = out.resolve(name + ".key");
            Path publicFile = out.resolve(name + ".pub");
            if (keepExisting && Files.exists(privateFile) && Files.exists(publicFile)) {
                PublicKey existing = SigningKeys.readPublic(publicFile);
                out().printf("keeping %s and %s (key id %s)%n", privateFile, publicFile, SigningKeys.keyId(existing));
                writePublicCopy(existing);
                return 0;
            }
            if (Files.exists(privateFile) || Files.exists(publicFile)) {
                err().println("refusing to overwrite " + privateFile + " or " + publicFile);
                return 1;
            }
            KeyPair pair = SigningKeys.generate();
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            SigningKeys.writePrivate(privateFile, pair.getPrivate());
            SigningKeys.writePublic(publicFile, pair.getPublic());
            out().printf("wrote %s and %s (key id %s)%n", privateFile, publicFile, SigningKeys.keyId(pair.getPublic()));
            writePublicCopy(pair.getPublic());
            return 0;
        }

        private void writePublicCopy(PublicKey key) throws IOException {
            if (publicOut != null) {
                Files.createDirectories(publicOut);
                Path copy = publicOut.resolve(name + ".pub");
                SigningKeys.writePublic(copy, key);
                out().printf("wrote %s%n", copy);
            }
        }

        private PrintWriter out() {
            return spec.commandLine().getOut();
        }

        private PrintWriter err() {
            return spec.commandLine().getErr();
        }
    }
}
