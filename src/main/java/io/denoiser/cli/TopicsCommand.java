package io.denoiser.cli;

import picocli.CommandLine.Command;

/** Groups the commands that check and create the declared topics. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Validate and apply the files in topics/.",
        subcommands = {TopicsValidateCommand.class, TopicsApplyCommand.class})
public final class TopicsCommand {
}
