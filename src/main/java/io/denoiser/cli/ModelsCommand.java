package io.denoiser.cli;

import picocli.CommandLine.Command;

/** Groups the registry commands that read and write the models topic. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, publish and roll back the model versions on the models topic; fit a model file's embedding; "
                + "export a model as ONNX.",
        subcommands = {ModelsListCommand.class, ModelsPublishCommand.class, ModelsRollbackCommand.class, ModelsEmbedCommand.class,
                ModelsExportCommand.class})
public final class ModelsCommand {
}
