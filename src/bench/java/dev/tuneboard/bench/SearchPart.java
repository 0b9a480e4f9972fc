package dev.tuneboard.bench;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.run.ExperimentRunner;
import dev.tuneboard.run.RunListener;
import dev.tuneboard.run.RunReport;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform end to end: {@code trials} trials of the reference net through ExperimentRunner into an
 * H2 file, {@code parallelism} at once. Wall-clock samples/s counts everything a user waits for:
 * training, per-epoch validation, the test report, serialising the model, store writes.
 * With one trial this is "one Tuneboard trial".
 */
final class SearchPart implements Part {
    /** The augmentation the bench measures: every kind at once, Simard et al. 2003's elastic values. */
    static final String AUGMENTATION = "  augmentation: {shift: 2, rotate: 10, scale: 0.1, elastic: {alpha: 34, sigma: 4}}\n";

    private final String name;
    private final String augmentation;
    /** Null, or what samples the measured run to say where its time went. */
    private final TrialPhases phases;

    SearchPart(String name, String augmentation) {
        this(name, augmentation, null);
    }

    SearchPart(String name, String augmentation, TrialPhases phases) {
        this.name = name;
        this.augmentation = augmentation;
        this.phases = phases;
    }

    private String spec(String experiment, PartOptions o) {
        return ReferenceNet.spec(experiment, o).replace("\nsearch:", "\n" + augmentation + "search:");
    }

    @Override
    public PartResult run(PartOptions o) throws Exception {
        Path dir = Files.createTempDirectory("tuneboard-bench");
        try (Tuneboard app = new Tuneboard(dir, null)) {
            Splits data = new DigitDataLoader(new IdxReader()).load(o.dataDir(), o.validation(), o.trainLimit(), o.testLimit(), 1234);
            warmUp(app, o, data);
            ExperimentSpec spec = app.specs().parse(spec("bench", o), "bench");
            ExperimentRunner runner = app.runner();
            TrialPhases.Sampling sampling = phases == null ? null : phases.start();
            long start = System.nanoTime();
            RunReport report = runner.run(spec, runner.prepare(spec, data.dataHash()), data, RunListener.SILENT,
                    new StopSignal());
            double secs = (System.nanoTime() - start) / 1e9;
            Map<String, Double> shares = sampling == null ? Map.of() : sampling.stop();
            long id = app.store().find("bench").orElseThrow().id();
            List<TrialRecord> trials = app.store().all(id);
            long samples = 0;
            double fitRate = 0;
            int done = 0;
            for (TrialRecord t : trials) {
                samples += (long) t.epochsDone() * data.train().size();
                if (t.status() == TrialStatus.COMPLETED) {
                    done++;
                    fitRate += t.samplesPerSecond() == null ? 0 : t.samplesPerSecond();
                }
            }
            if (done != o.trials()) throw new IllegalStateException(report.completed() + " of " + o.trials() + " trials completed");
            Map<String, Double> m = new HashMap<>();
            m.put("samples_per_s", samples / secs);
            m.put("trials_per_hour", done * 3600.0 / secs);
            m.put("fit_samples_per_s_per_trial", fitRate / done);
            m.put("seconds", secs);
            m.put("trials", (double) done);
            m.put("epochs", (double) o.epochs());
            m.put("train_samples", (double) data.train().size());
            m.putAll(shares);
            return new PartResult(name, o.threads(), o.parallelism(), m);
        } finally {
            deleteTree(dir);
        }
    }

    /** One tiny trial first, so the measured one does not pay for class loading and the JIT. */
    private void warmUp(Tuneboard app, PartOptions o, Splits data) throws Exception {
        PartOptions tiny = new PartOptions(o.dataDir(), o.threads(), 1, 1, o.trainLimit(), o.validation(), o.testLimit(),
                1, 1, 0, 0, 0, 0, null);
        ExperimentSpec spec = app.specs().parse(spec("warm-up", tiny), "warm-up");
        ExperimentRunner runner = app.runner();
        Splits slice = new Splits(Slices.head(data.train(), 2048), Slices.head(data.validation(), 512),
                Slices.head(data.test(), 512), data.dataHash(), data.checksumsVerified());
        runner.run(spec, runner.prepare(spec, data.dataHash()), slice, RunListener.SILENT, new StopSignal());
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // A temp folder left behind is harmless.
        }
    }
}
