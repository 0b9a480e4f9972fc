package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DataException;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunException;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.train.EpochDecision;
import dev.tuneboard.train.TrialOutcome;
import dev.tuneboard.trial.TrialRecord;
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
            Experiments.Prepared prepared = app.experiments().resume(app.experiments().open(found.get().experiment()));
            System.out.printf("re-training trial %d %s with seed %d%n", t.number(), t.params(), t.seed());
            TrialOutcome outcome = app.experiments().rerun(prepared, t, m -> {
                System.out.printf("  epoch %d val acc %.4f%n", m.epoch(), m.valAccuracy());
                return EpochDecision.CONTINUE;
            });
            double testAgain = outcome.test() == null ? Double.NaN : outcome.test().accuracy();
            System.out.printf("stored:  val %s test %s%nrerun:   val %.4f test %.4f%ndiff:    val %+.4f test %+.4f%n",
                    ConsoleProgress.fmt(t.valAccuracy()), ConsoleProgress.fmt(t.testAccuracy()), outcome.valAccuracy(), testAgain,
                    outcome.valAccuracy() - nz(t.valAccuracy()), testAgain - nz(t.testAccuracy()));
            return ExitCodes.OK;
        } catch (SpecException | DataException | RunException ex) {
            return Problems.badInput(ex, "data of " + ref.name);
        }
    }

    private static double nz(Double v) {
        return v == null ? Double.NaN : v;
    }
}
