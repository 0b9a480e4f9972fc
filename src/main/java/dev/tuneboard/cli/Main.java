package dev.tuneboard.cli;

import dev.tuneboard.train.ThreadEnvironment;
import picocli.CommandLine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Entry point. Commands that train first make sure ND4J and OpenBLAS run one thread per trial:
 * those libraries read their thread settings from the environment when they load, so the launcher
 * starts a child JVM with the environment set (measured: two one-thread trials in parallel reach
 * about twice the samples/s of one two-thread trial; with OMP_NUM_THREADS alone they don't).
 */
public final class Main {
    private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
    private static final Set<String> TRAINING_COMMANDS = Set.of("run", "resume", "rerun", "serve", "worker", "bench");

    private Main() {
    }

    public static void main(String[] args) {
        // JavaCPP reads /proc/self/statm on every native allocation to enforce this limit: about 4% of a
        // training step (async-profiler). Native memory stays bounded by its cheap maxBytes counter.
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) System.setProperty(MAX_PHYSICAL_BYTES, "0");
        if (needsRelaunch(args)) {
            System.exit(relaunch(args));
        }
        ParentWatch.fromEnvironment(System.getenv(ParentWatch.ENV)).ifPresent(ParentWatch::start);
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TuneboardCommand());
        ServiceLoader.load(ExtraCommands.class).forEach(extra -> extra.commands().forEach(cli::addSubcommand));
        if (!cli.getSubcommands().containsKey("bench")) cli.addSubcommand(new BenchNotBuiltCommand());
        // Every command takes -h/--help (and -V/--version), as picocli's conventions have it.
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
        // The completion script is generated, not written by hand: `tuneboard generate-completion`.
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    private static boolean needsRelaunch(String[] args) {
        if (args.length == 0 || !TRAINING_COMMANDS.contains(args[0])) return false;
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) return false;
        if ("1".equals(System.getenv("TUNEBOARD_CHILD"))) return false;
        return !ThreadEnvironment.ONE_PER_TRIAL.isSetIn(System.getenv());
    }

    private static int relaunch(String[] args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(ThreadEnvironment.ONE_PER_TRIAL.variables());
        builder.environment().put("TUNEBOARD_CHILD", "1");
        builder.environment().put(ParentWatch.ENV, String.valueOf(ProcessHandle.current().pid()));
        try {
            Process child = builder.start();
            // Ctrl-C reaches the child through the terminal and it stops gracefully; this JVM waits for it.
            // A plain kill of this process is passed on to the child by the hook below.
            GracefulStop.ignoreInterrupts();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (child.isAlive()) {
                    child.destroy();
                    try {
                        child.waitFor();
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
            return child.waitFor();
        } catch (IOException e) {
            System.err.println("error: cannot start the training JVM: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
