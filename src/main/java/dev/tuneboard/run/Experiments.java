package dev.tuneboard.run;

import dev.tuneboard.data.DataException;
import dev.tuneboard.data.Splits;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecException;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.Store;
import dev.tuneboard.train.EpochListener;
import dev.tuneboard.train.TrialOutcome;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.Retrained;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI, the dashboard and workers do with experiments, in one place: submit, open a stored experiment
 * (its spec parsed once per spec text), prepare or resume one with its splits ({@link Datasets}: checked and
 * loaded once while in use), run, rerun a stored trial, retrain a chosen one on training + validation.
 */
public final class Experiments {
    private final Store store;
    private final SpecLoader specs;
    private final Datasets datasets;
    private final ExperimentRunner runner;
    private final Map<String, ExperimentSpec> parsed = new LinkedHashMap<>(16, 0.75f, true);

    public Experiments(Store store, SpecLoader specs, Datasets datasets, ExperimentRunner runner) {
        this.store = store;
        this.specs = specs;
        this.datasets = datasets;
        this.runner = runner;
    }

    /** A stored experiment with its parsed spec. */
    public record Opened(ExperimentRecord record, ExperimentSpec spec) {
    }

    public Store store() {
        return store;
    }

    public ExperimentRunner runner() {
        return runner;
    }

    public SpecLoader specs() {
        return specs;
    }

    public ExperimentSpec load(Path specFile) throws SpecException {
        return specs.load(specFile);
    }

    public Datasets datasets() {
        return datasets;
    }

    /** Stores a new experiment as queued after checking its data (or returns the same stored one), for workers to run. */
    public ExperimentRecord submit(ExperimentSpec spec) throws DataException, RunException {
        return runner.prepare(spec, datasets.check(spec).dataHash());
    }

    /** A stored experiment and its spec, parsed once per spec text. */
    public Optional<Opened> open(String name) throws SpecException {
        Optional<ExperimentRecord> found = store.find(name);
        if (found.isEmpty()) return Optional.empty();
        return Optional.of(open(found.get()));
    }

    public Opened open(ExperimentRecord record) throws SpecException {
        return new Opened(record, spec(record));
    }

    private synchronized ExperimentSpec spec(ExperimentRecord record) throws SpecException {
        ExperimentSpec spec = parsed.get(record.specHash());
        if (spec == null) {
            spec = specs.parse(record.specText(), "stored spec of " + record.name());
            parsed.put(record.specHash(), spec);
            while (parsed.size() > 64) parsed.remove(parsed.keySet().iterator().next());
        }
        return spec;
    }

    /** Ready to run: stored (or found with the same spec and data) and its splits loaded. */
    public record Prepared(ExperimentSpec spec, ExperimentRecord record, Splits splits) {
    }

    /** Loads the data and creates the experiment, or checks that the stored one has the same spec and data. */
    public Prepared prepare(ExperimentSpec spec) throws DataException, RunException {
        Splits splits = datasets.splits(spec);
        return new Prepared(spec, runner.prepare(spec, splits.dataHash()), splits);
    }

    /** A stored experiment ready to run again; its data must still be the data it ran on. */
    public Prepared resume(Opened opened) throws DataException, RunException {
        Splits splits = datasets.splits(opened.spec());
        if (!splits.dataHash().equals(opened.record().dataHash())) {
            throw new RunException("the data in " + opened.spec().data().dir() + " is not the data experiment "
                    + opened.record().name() + " ran on (hash " + opened.record().dataHash() + ", now " + splits.dataHash() + ")");
        }
        return new Prepared(opened.spec(), opened.record(), splits);
    }

    public RunReport run(Prepared prepared, RunListener listener, StopSignal stop) {
        return runner.run(prepared.spec(), prepared.record(), prepared.splits(), listener, stop);
    }

    /** A retrained model and whether it was already stored (reused) rather than trained now. */
    public record Retraining(TrialRecord trial, Retrained model, boolean reused) {
    }

    /**
     * The chosen configuration's final model: the trial's params and seed trained on training + validation
     * together for the trial's best epoch count, scored once on the test split, kept in the store. A stored
     * one is reused unless {@code force}. The trial itself is left as it is: it stays the selection record.
     */
    public Retraining retrain(Opened opened, TrialRecord trial, boolean force, EpochListener listener)
            throws DataException, RunException {
        if (!force) {
            Optional<Retrained> stored = store.retrained(trial.id());
            if (stored.isPresent()) return new Retraining(trial, stored.get(), true);
        }
        if (trial.status() != TrialStatus.COMPLETED && trial.status() != TrialStatus.PRUNED) {
            throw new RunException("trial " + trial.number() + " of " + opened.record().name() + " is " + trial.status().key()
                    + ": only a completed or pruned trial has a curve to take its best epoch from");
        }
        List<EpochMetrics> curve = store.detail(trial.id()).map(TrialDetail::epochs).orElse(List.of());
        int epochs = bestEpoch(opened.record().objective(), curve).orElseThrow(() -> new RunException("trial "
                + trial.number() + " of " + opened.record().name() + " has no stored epochs to take its best epoch from"));
        Splits full = resume(opened).splits().withValidationInTraining();
        TrialOutcome outcome = runner.trainFor(opened.spec(), trial, full, epochs, listener);
        if (outcome.ending() != TrialStatus.COMPLETED || outcome.model() == null) {
            throw new RunException("retraining trial " + trial.number() + " did not finish: "
                    + (outcome.reason() == null ? outcome.ending().key() : outcome.reason()));
        }
        Retrained made = new Retrained(trial.id(), epochs, full.train().size(), full.test().size(), outcome.test().accuracy(),
                outcome.test().loss(), outcome.trainSeconds(), runner.now(), outcome.model().length);
        store.saveRetrained(made, outcome.model());
        return new Retraining(trial, made, false);
    }

    /** The epoch (1-based) with the best objective value; the earliest of equals. Empty for an empty curve. */
    public static Optional<Integer> bestEpoch(Objective objective, List<EpochMetrics> curve) {
        EpochMetrics best = null;
        for (EpochMetrics m : curve) {
            if (best == null || objective.better(objective.value(m), objective.value(best))) best = m;
        }
        return Optional.ofNullable(best).map(EpochMetrics::epoch);
    }

    /** Trains a stored trial again from its seed and params (as many epochs as it ran when pruned); stores nothing. */
    public TrialOutcome rerun(Prepared prepared, TrialRecord trial, EpochListener listener) {
        return runner.retrain(prepared.spec(), trial, prepared.splits(), listener);
    }
}
