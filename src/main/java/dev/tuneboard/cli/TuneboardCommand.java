package dev.tuneboard.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "tuneboard", mixinStandardHelpOptions = true, version = "tuneboard 0.1.0",
        description = "Hyperparameter search for DL4J networks on MNIST-style IDX data, with a dashboard.",
        subcommands = {ValidateCommand.class, RunCommand.class, ResumeCommand.class, LeaderboardCommand.class,
                ShowCommand.class, CompareCommand.class, ExportCommand.class, PredictCommand.class, RerunCommand.class, ServeCommand.class,
                SubmitCommand.class, WorkerCommand.class, DbServerCommand.class,
                CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class})
public final class TuneboardCommand {
}
