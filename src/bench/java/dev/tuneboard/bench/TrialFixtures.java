package dev.tuneboard.bench;

import dev.tuneboard.store.NewExperiment;
import dev.tuneboard.store.Store;
import dev.tuneboard.store.TrialStore;
import dev.tuneboard.store.jdbc.BulkTrials;
import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills a store with finished trials shaped like real ones: six params, ten epochs, a 10×10 confusion
 * matrix, ~2% of 10,000 test digits missed (~200 misclassified rows), a 32 KB stand-in model. The rows are
 * the ones the runner's start/recordEpoch/finish leave, written {@value #PER_TRANSACTION} trials per
 * transaction with batched inserts ({@link BulkTrials}): through the Store API, 12 commits a trial, 10,000
 * trials took 11.5 minutes.
 */
final class TrialFixtures {
    private static final int EPOCHS = 10;
    private static final int PER_TRANSACTION = 250;

    private TrialFixtures() {
    }

    static long fill(Store store, Database db, String name, int trials, long seed) {
        long id = store.create(new NewExperiment(name, "name: " + name + "\n", "spec-" + name, "data-" + name,
                Objective.VAL_ACCURACY, trials, 2)).id();
        BulkTrials bulk = new BulkTrials(db);
        Random r = new Random(seed);
        byte[] model = new byte[32 * 1024];   // a stand-in blob; the real one (2 MB) is never read by these pages
        r.nextBytes(model);
        // Finish times a minute apart, as two workers of one-minute trials would leave them.
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        List<BulkTrials.Finished> chunk = new ArrayList<>();
        for (int n = 1; n <= trials; n++) {
            chunk.add(one(n, r, model, t0.plusSeconds(30L * n)));
            if (chunk.size() == PER_TRANSACTION || n == trials) {
                bulk.insert(id, chunk);
                chunk.clear();
            }
        }
        return id;
    }

    private static BulkTrials.Finished one(int n, Random r, byte[] model, Instant finished) {
        double[] point = {r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble()};
        Map<String, Number> params = new LinkedHashMap<>();
        params.put("units_0", 64 + r.nextInt(960));
        params.put("units_1", List.of(128, 256, 512).get(r.nextInt(3)));
        params.put("dropout", 0.1 + 0.3 * r.nextDouble());
        params.put("learning_rate", 3e-4 * Math.pow(10, r.nextDouble()));
        params.put("batch_size", List.of(64, 128, 256).get(r.nextInt(3)));
        params.put("epochs", EPOCHS);
        long trialSeed = r.nextLong();
        double acc = 0.9;
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int e = 1; e <= EPOCHS; e++) {
            acc += (0.985 - acc) * 0.4 * r.nextDouble();
            epochs.add(new EpochMetrics(e, 0.3 / e, 0.08 + 0.1 / e, acc, 6.0, 9000));
        }
        int[][] confusion = new int[10][10];
        List<Misclassified> misses = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int truth = i % 10;
            int predicted = r.nextDouble() < 0.02 ? (truth + 1 + r.nextInt(9)) % 10 : truth;
            confusion[truth][predicted]++;
            if (predicted != truth) misses.add(new Misclassified(i, truth, predicted, 0.5 + 0.5 * r.nextDouble()));
        }
        TestReport test = new TestReport(1 - misses.size() / 10_000.0, 0.07, confusion, misses);
        TrialStatus status = r.nextInt(10) == 0 ? TrialStatus.PRUNED : TrialStatus.COMPLETED;
        return new BulkTrials.Finished(n, 1, status, params, point, trialSeed, "bench@fixture", epochs,
                new TrialStore.TrialResult(acc, 0.08, acc, test, model, EPOCHS, 60, 9000, null),
                finished.minusSeconds(60), finished);
    }
}
