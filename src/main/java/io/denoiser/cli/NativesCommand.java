package io.denoiser.cli;

import io.denoiser.model.NativeRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code natives --out DIR}: the native libraries of ND4J, ONNX Runtime and RocksDB, unpacked once into one
 * directory. The image runs it at build time and points {@code java.library.path} (JavaCPP with
 * {@code pathsFirst}) and {@code onnxruntime.native.path} at it, so a container loads them from its read-only
 * image instead of unpacking ~450 MiB on every start.
 */
@Command(name = "natives", mixinStandardHelpOptions = true,
        description = "Unpack the native libraries of ND4J (oneDNN), ONNX Runtime and RocksDB into DIR (image build).")
final class NativesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The linux-x86_64 JNI libraries ONNX Runtime and RocksDB would otherwise unpack to java.io.tmpdir. */
    static final List<String> JAR_LIBRARIES = List.of("ai/onnxruntime/native/linux-x64/libonnxruntime.so",
            "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so", "librocksdbjni-linux64.so");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to unpack into.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        // JavaCPP unpacks what ND4J loads (oneDNN build, OpenBLAS, their runtime libraries) into its cache.
        Nd4j.create(1);
        if (!NativeRuntime.fastPathActive()) {
            err().println("ND4J's oneDNN build did not load; refusing to ship the slow path");
            return 1;
        }
        int copied = 0;
        for (String loaded : Loader.getLoadedLibraries().values()) {
            Path library = Path.of(loaded);
            if (Files.isRegularFile(library)) {
                Files.copy(library, out.resolve(library.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                copied++;
            }
        }
        for (String resource : JAR_LIBRARIES) {
            try (InputStream in = NativesCommand.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no " + resource + " on the class path");
                }
                Files.copy(in, out.resolve(Path.of(resource).getFileName()), StandardCopyOption.REPLACE_EXISTING);
                copied++;
            }
        }
        out().printf("unpacked %d native libraries into %s%n", copied, out);
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
