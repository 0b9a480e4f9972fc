package dev.tuneboard.run;

import dev.tuneboard.data.Splits;
import dev.tuneboard.search.SearchSpace;
import dev.tuneboard.search.pruning.NoPruner;
import dev.tuneboard.search.pruning.Pruner;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.store.StoreException;
import dev.tuneboard.store.TrialStore;
import dev.tuneboard.spec.AugmentationSpec;
import dev.tuneboard.train.Augmentation;
import dev.tuneboard.train.EpochDecision;
import dev.tuneboard.train.EpochListener;
import dev.tuneboard.train.Trainer;
import dev.tuneboard.train.TrialDivergedException;
import dev.tuneboard.train.TrialOutcome;
import dev.tuneboard.train.TrialPlan;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Provenance;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One claimed trial: trained with every epoch recorded (and the pruner asked), then its ending told to the
 * store once — completed or pruned with metrics, test report and model; failed or stopped with the reason.
 * A fault in training, or a store fault that outlasted the store's retries, fails this trial only.
 */
final class TrialTask {
    private final TrialStore store;
    private final Trainer trainer;
    private final ExperimentSpec spec;
    private final SearchSpace space;
    private final Splits data;
    private final Pruner pruner;
    private final TrialLog log;
    private final RunListener listener;
    private final StopSignal stop;
    private final BooleanSupplier pastDeadline;
    private final Provenance provenance;

    TrialTask(TrialStore store, Trainer trainer, ExperimentSpec spec, SearchSpace space, Splits data, Pruner pruner,
              TrialLog log, RunListener listener, StopSignal stop, BooleanSupplier pastDeadline, Provenance provenance) {
        this.provenance = provenance;
        this.store = store;
        this.trainer = trainer;
        this.spec = spec;
        this.space = space;
        this.data = data;
        this.pruner = pruner;
        this.log = log;
        this.listener = listener;
        this.stop = stop;
        this.pastDeadline = pastDeadline;
    }

    /** How the trial ended, as told to the store. */
    record Told(TrialStatus status, String reason, Double valAccuracy, Double testAccuracy) {
    }

    /** How a stored trial is trained: its network, batch size and seed from its point in the space; the spec's early stopping. */
    static TrialPlan plan(ExperimentSpec spec, SearchSpace space, TrialRecord trial, int epochs) {
        double[] point = trial.point();
        var early = spec.training().earlyStopping();
        return new TrialPlan(space.network(point, trial.seed()), space.batchSize(point), epochs, trial.seed(),
                augmentation(space.decode(point)),
                early == null ? null : new TrialPlan.EarlyStop(spec.objective(), early.patience(), early.minDelta()));
    }

    /** The point's training-image distortion; parts the spec leaves out are not in the point and are off. */
    private static Augmentation augmentation(Map<String, Number> values) {
        return new Augmentation(number(values, AugmentationSpec.SHIFT).intValue(),
                number(values, AugmentationSpec.ROTATE).doubleValue(), number(values, AugmentationSpec.SCALE).doubleValue(),
                number(values, AugmentationSpec.ELASTIC_ALPHA).doubleValue(),
                number(values, AugmentationSpec.ELASTIC_SIGMA).doubleValue());
    }

    private static Number number(Map<String, Number> values, String name) {
        return values.getOrDefault(name, 0);
    }

    Told run(TrialRecord trial) {
        listener.trialStarted(trial.number(), trial.attempt(), trial.params());
        long t0 = System.nanoTime();
        Told told;
        try {
            TrialPlan plan = plan(spec, space, trial, space.epochs(trial.point()));
            TrialOutcome outcome = trainer.train(plan, data, new Epochs(trial, plan.epochs()));
            try {
                told = tell(trial, outcome, (System.nanoTime() - t0) / 1e9);
            } catch (StoreException e) {
                told = takenOver(trial).orElseThrow(() -> e);
            }
        } catch (TrialDivergedException e) {
            List<EpochMetrics> epochs = e.epochs();
            EpochMetrics last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
            if (last != null && Double.isNaN(last.valAccuracy())) store.recordEpoch(trial.id(), last);
            told = failed(trial, "diverged: " + e.getMessage(), t0);
        } catch (RuntimeException | OutOfMemoryError e) {
            told = failed(trial, e.getClass().getSimpleName() + ": " + e.getMessage(), t0);
        }
        listener.trialFinished(trial.number(), trial.attempt(), told.status(), told.valAccuracy(), told.testAccuracy(),
                told.reason());
        return told;
    }

    private Told tell(TrialRecord trial, TrialOutcome outcome, double seconds) {
        if (outcome.ending() == TrialStatus.STOPPED) {
            String why = stop.stopped() && !stop.reason().equals(outcome.reason())
                    ? stop.reason() + "; " + outcome.reason() : outcome.reason();
            store.end(trial.id(), TrialStatus.STOPPED, why, seconds, provenance);
            return new Told(TrialStatus.STOPPED, why, outcome.valAccuracy(), null);
        }
        TrialStatus status = outcome.ending();
        store.finish(trial.id(), status, new TrialStore.TrialResult(outcome.valAccuracy(), outcome.valLoss(),
                spec.objective().value(outcome.valAccuracy(), outcome.valLoss()), outcome.test(), outcome.model(),
                outcome.epochs().size(), seconds, outcome.samplesPerSecond(), outcome.reason(), provenance));
        return new Told(status, outcome.reason(), outcome.valAccuracy(), outcome.test().accuracy());
    }

    private Told failed(TrialRecord trial, String reason, long t0) {
        try {
            store.end(trial.id(), TrialStatus.FAILED, reason, (System.nanoTime() - t0) / 1e9, provenance);
        } catch (StoreException e) {
            // Not even the failure can be recorded (the store's retries ran out): the row stays running, owned by
            // this live process, and is re-queued once the process is gone. The worker thread goes on.
            if (takenOver(trial).isEmpty()) listener.note("trial " + trial.number() + " failed and could not be recorded: "
                    + e.getMessage());
        }
        return new Told(TrialStatus.FAILED, reason, null, null);
    }

    /**
     * After a store outage longer than the heartbeat timeout another worker may have re-queued this trial and the
     * store refuses our ending: the other attempt is the record now, and this result is dropped.
     */
    private java.util.Optional<Told> takenOver(TrialRecord trial) {
        try {
            return store.trial(trial.id()).filter(t -> t.status() != TrialStatus.RUNNING).map(t ->
                    new Told(TrialStatus.STOPPED, "taken over by another worker (this one was silent too long); "
                            + "result dropped", null, null));
        } catch (StoreException e) {
            return java.util.Optional.empty();
        }
    }

    /** Each epoch: recorded, shown, then stop (Ctrl-C, time limit), prune, or go on. */
    private final class Epochs implements EpochListener {
        private final TrialRecord trial;
        private final int epochs;

        Epochs(TrialRecord trial, int epochs) {
            this.trial = trial;
            this.epochs = epochs;
        }

        @Override
        public EpochDecision onEpoch(EpochMetrics m) {
            store.recordEpoch(trial.id(), m);
            listener.epochFinished(trial.number(), m);
            if (interrupted()) return EpochDecision.stop(stop.reason());
            if (m.epoch() < epochs && !(pruner instanceof NoPruner)) {
                var reason = pruner.prune(trial.number(), m.epoch(), spec.objective().value(m),
                        log.curvesExcept(trial.id(), spec.objective()::value));
                if (reason.isPresent()) return EpochDecision.prune(reason.get());
            }
            return EpochDecision.CONTINUE;
        }

        @Override
        public boolean interrupted() {
            return stop.stopped() || pastDeadline.getAsBoolean();
        }

        @Override
        public void onProgress(int epoch, int batchesDone, int batchesTotal, double lastLoss) {
            listener.batchProgress(trial.number(), epoch, epochs, batchesDone, batchesTotal, lastLoss);
        }
    }
}
