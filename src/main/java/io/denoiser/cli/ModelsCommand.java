package io.denoiser.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Groups the registry commands that read and write the models topic. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, publish and roll back the model versions on the models topic.",
        subcommands = {ModelsListCommand.class, ModelsPublishCommand.class, ModelsRollbackCommand.class})
public final class ModelsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }
}
