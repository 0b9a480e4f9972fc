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

import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "rerun", description = "Train a stored trial again from its stored seed and params and report the "
        + "difference in accuracy (identical expected on one thread). Stores nothing.")
final class RerunCommand implements Callable<Integer> {
    @Mixin
    TrialRef ref;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        try (Tuneboard app = store.open()) {
            Optional<TrialRef.Found> found = ref.find(app.store());
            if (found.isEmpty()) return ExitCodes.BAD_INPUT;
            TrialRecord t = found.get().trial();
            ExperimentRecord e = found.get().experiment();
            ExperimentSpec spec = Tuneboard.specLoader().parse(e.specText(), "stored spec of " + e.name());
            Splits data = Tuneboard.dataLoader().load(spec.data().dir(), spec.data().validation(), spec.data().trainLimit(),
                    spec.data().testLimit(), spec.data().splitSeed());
            if (!data.dataHash().equals(e.dataHash())) {
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
