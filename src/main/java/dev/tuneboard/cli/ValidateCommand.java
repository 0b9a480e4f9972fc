package dev.tuneboard.cli;

import dev.tuneboard.app.Offline;
import dev.tuneboard.data.DataCheck;
import dev.tuneboard.data.DataException;
import dev.tuneboard.model.MlpArchitecture;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Check a spec and its data; print the search space, grid size and a time estimate. Writes nothing.")
final class ValidateCommand implements Callable<Integer> {
    /** Measured here: one DL4J trial on one thread sustains roughly 26 GFLOP/s of training work. */
    static final double FLOPS_PER_SECOND_PER_TRIAL = 26e9;

    @Parameters(index = "0", description = "The experiment spec (YAML).")
    Path spec;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Offline app = new Offline();   // no store at all: validate writes nothing
        ExperimentSpec s;
        DataCheck data;
        try {
            s = app.specs().load(spec);
            data = app.datasets().check(s);
        } catch (SpecException | DataException e) {
            return Problems.badInput(e, spec.toString());
        }
        out.printf("data:   %s (%d train, %d test images of %d×%d; checksums %s)%n", s.data().dir(), data.trainImages(),
                data.testImages(), data.rows(), data.cols(), data.checksumsVerified() ? "verified" : "not provided");
        int usable = data.usableTrainImages();
        out.printf("spec:   %s (%s)%n", s.name(), spec);
        out.println("space:");
        s.parameters().forEach((name, p) -> out.printf("  %-16s %s%n", name, p.describe()));
        out.printf("search: %s, %d trials, %d in parallel, seed %d%s%s%n", s.search().algorithm().name().toLowerCase(),
                s.search().trials(), s.search().parallelism(), s.search().seed(),
                s.search().timeLimitIfAny().map(d -> ", time limit " + d.toMinutes() + " min").orElse(""),
                s.search().pruner().kind() == dev.tuneboard.spec.PrunerSpec.Kind.NONE ? ""
                        : ", pruner " + s.search().pruner().kind().name().toLowerCase());
        long grid;
        try {
            grid = s.gridSize();
            out.printf("grid:   %d points (%d per continuous range)%n", grid, s.search().gridPoints());
        } catch (ArithmeticException e) {
            out.println("grid:   more points than fit in a long");
        }
        out.printf("split:  %d train, %d validation (chooses), %d test (reports)%n", usable - s.data().validation(),
                s.data().validation(), s.data().testLimit() > 0 ? Math.min(s.data().testLimit(), data.testImages()) : data.testImages());
        double seconds = estimateSeconds(s, usable - s.data().validation());
        out.printf("time:   about %s for the whole search (rough: mid-range sizes at ~%.0f GFLOP/s per trial)%n",
                human(seconds), FLOPS_PER_SECOND_PER_TRIAL / 1e9);
        out.println("ok");
        return ExitCodes.OK;
    }

    static double estimateSeconds(ExperimentSpec s, int trainImages) {
        List<Integer> midRange = s.model().hiddenUnits().stream().map(p -> (int) Math.round((p.min() + p.max()) / 2)).toList();
        if (s.model().layers() != null) {
            midRange = midRange.subList(0, (int) Math.round((s.model().layers().min() + s.model().layers().max()) / 2));
        }
        double perSample = new MlpArchitecture(midRange).trainFlopsPerSample();
        double epochs = (s.training().epochs().min() + s.training().epochs().max()) / 2;
        double perTrial = perSample * trainImages * epochs / FLOPS_PER_SECOND_PER_TRIAL;
        int waves = (int) Math.ceil((double) s.search().trials() / s.search().parallelism());
        double total = perTrial * waves * 1.15;   // validation passes and start-up
        return s.search().timeLimitIfAny().map(d -> Math.min(d.toSeconds(), total)).orElse(total);
    }

    static String human(double seconds) {
        if (seconds < 90) return String.format("%.0f s", seconds);
        if (seconds < 5400) return String.format("%.0f min", seconds / 60);
        return String.format("%.1f h", seconds / 3600);
    }
}
