package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DataException;
import dev.tuneboard.data.Splits;
import dev.tuneboard.search.SearchSpace;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.TrialRecord;
import dev.tuneboard.train.EpochDecision;
import dev.tuneboard.train.TrialOutcome;
import dev.tuneboard.train.TrialPlan;
import dev.tuneboard.train.TrialTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "rerun", description = "Train a stored trial again from its stored seed and params and report the "
        + "difference in accuracy (identical expected on one thread). Stores nothing.")
final class RerunCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Experiment name.")
    String name;

    @Parameters(index = "1", description = "Trial number.")
    int number;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        try (Tuneboard app = store.open()) {
            Optional<ExperimentRecord> e = app.store().find(name);
            if (e.isEmpty()) {
                System.err.println("error: no experiment named '" + name + "'");
                return ExitCodes.BAD_INPUT;
            }
            Optional<TrialRecord> found = app.store().byNumber(e.get().id(), number);
            if (found.isEmpty()) {
                System.err.println("error: experiment '" + name + "' has no trial " + number);
                return ExitCodes.BAD_INPUT;
            }
            TrialRecord t = found.get();
            ExperimentSpec spec = Tuneboard.specLoader().parse(e.get().specText(), "stored spec of " + name);
            Splits data = Tuneboard.dataLoader().load(spec.data().dir(), spec.data().validation(), spec.data().trainLimit(),
                    spec.data().testLimit(), spec.data().splitSeed());
            if (!data.dataHash().equals(e.get().dataHash())) {
                System.err.println("error: the data in " + spec.data().dir() + " is not the data this experiment ran on");
                return ExitCodes.BAD_INPUT;
            }
            SearchSpace space = Tuneboard.searchFactory().space(spec);
            double[] point = t.point();
            int epochs = t.status() == dev.tuneboard.store.TrialStatus.PRUNED ? t.epochsDone() : space.epochs(point);
            System.out.printf("re-training trial %d %s with seed %d for %d epochs%n", t.number(), t.params(), t.seed(), epochs);
            TrialOutcome outcome = new TrialTrainer().train(new TrialPlan(space.network(point, t.seed()), space.batchSize(point),
                    epochs, t.seed()), data, m -> {
                        System.out.printf("  epoch %d val acc %.4f%n", m.epoch(), m.valAccuracy());
                        return EpochDecision.CONTINUE;
                    });
            double testAgain = outcome.test() == null ? Double.NaN : outcome.test().accuracy();
            System.out.printf("stored:  val %s test %s%nrerun:   val %.4f test %.4f%ndiff:    val %+.4f test %+.4f%n",
                    ConsoleProgress.fmt(t.valAccuracy()), ConsoleProgress.fmt(t.testAccuracy()), outcome.valAccuracy(), testAgain,
                    outcome.valAccuracy() - nz(t.valAccuracy()), testAgain - nz(t.testAccuracy()));
            return ExitCodes.OK;
        } catch (SpecException ex) {
            Problems.print(ex);
            return ExitCodes.BAD_INPUT;
        } catch (DataException ex) {
            System.err.println("data.dir: " + ex.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    private static double nz(Double v) {
        return v == null ? Double.NaN : v;
    }
}
