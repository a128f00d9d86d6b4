package io.denoiser.cli;

import picocli.CommandLine.Command;

/** Groups the benchmarks; without a subcommand picocli reports the missing one with the usage. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure throughput.",
        subcommands = {BenchModelCommand.class, BenchStreamCommand.class})
public final class BenchCommand {
}
