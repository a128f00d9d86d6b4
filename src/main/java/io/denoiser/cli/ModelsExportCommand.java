package io.denoiser.cli;

import io.denoiser.model.Architecture;
import io.denoiser.model.ModelRecord;
import io.denoiser.onnx.OnnxContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code models export}: writes a model version as an ONNX graph that any ONNX runtime can serve. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a shipped model or a model file as an ONNX graph (inputs and outputs named as every "
                + "exported graph names them: input, noise_level, denoised, latent, latent_map).")
public final class ModelsExportCommand implements Callable<Integer> {

    private static final String ONNX = "onnx";

    @Mixin
    ModelChoiceOptions modelChoice;

    @Option(names = "--format", defaultValue = ONNX, description = "Output format; only onnx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, description = "File to write.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!ONNX.equals(format)) {
            throw new ParameterException(spec.commandLine(), "--format takes only " + ONNX + ", not '" + format + "'");
        }
        ModelRecord model = modelChoice.load();
        Architecture architecture = Architecture.fromId(model.metadata().architecture());
        byte[] onnx = architecture.onnxModel(model.parameters(), model.metadata().shape());
        Files.write(out, onnx);
        spec.commandLine().getOut().printf("wrote %s: %s v%d (%s) as ONNX opset %d, %,d bytes%n", out, model.name(),
                model.version(), architecture.id(), OnnxContract.OPSET, onnx.length);
        return 0;
    }
}
