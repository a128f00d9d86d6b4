package io.denoiser.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Groups the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure throughput.",
        subcommands = {BenchModelCommand.class, BenchStreamCommand.class})
public final class BenchCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }
}
