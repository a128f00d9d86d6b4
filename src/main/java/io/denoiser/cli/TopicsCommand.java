package io.denoiser.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Groups the commands that check and create the declared topics. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Validate and apply the files in topics/.",
        subcommands = {TopicsValidateCommand.class, TopicsApplyCommand.class})
public final class TopicsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }
}
