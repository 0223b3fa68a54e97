package org.conv4j.apps;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code conv4j} command line: one subcommand per practical or tool. */
@Command(name = "conv4j", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "conv4j " + org.conv4j.apps.report.Versions.CONV4J,
        description = "Convolutional networks on the JVM: the practicals, benchmarks and tools.",
        subcommands = {ScratchCnnCommand.class, ScratchVsTransferCommand.class, TransferCommand.class, ExperimentsCommand.class,
            FineTuneCommand.class, CatsVsDogsCommand.class, MnistTransferCommand.class,
            CompareModelsCommand.class, SummaryCommand.class, PredictCommand.class, RunModelCommand.class,
            BenchCommand.class, InfoCommand.class, CommandLine.HelpCommand.class})
public final class Conv4j implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The parser with conv4j's error handling: a user error prints one clear line, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Conv4j());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof java.io.IOException
                    || e instanceof org.conv4j.engine.cuda.CudaException) {
                commandLine.getErr().println("conv4j " + commandLine.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }
}
