package dev.tuneboard.bench;

import dev.tuneboard.store.NewExperiment;
import dev.tuneboard.store.Store;
import dev.tuneboard.store.TrialStore;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a store with finished trials shaped like real ones (through the Store API, as the runner
 * writes them): six params, ten epochs, a 10×10 confusion matrix, ~2% of 10,000 test digits missed
 * (~200 misclassified rows), a 32 KB stand-in model.
 */
final class TrialFixtures {
    private static final int EPOCHS = 10;

    private TrialFixtures() {
    }

    /** {@code threads} writers each take every {@code threads}-th trial number, as parallel workers would. */
    static long fill(Store store, String name, int trials, long seed, int threads) throws Exception {
        long id = store.create(new NewExperiment(name, "name: " + name + "\n", "spec-" + name, "data-" + name,
                Objective.VAL_ACCURACY, trials, 2)).id();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int first = w + 1;
                writers.add(pool.submit(() -> {
                    Random r = new Random(seed + first);
                    byte[] model = new byte[32 * 1024];   // a stand-in blob; the real one (2 MB) is never read by these pages
                    r.nextBytes(model);
                    for (int n = first; n <= trials; n += threads) one(store, id, n, r, model);
                    return null;
                }));
            }
            for (Future<?> f : writers) f.get();
        } finally {
            pool.shutdownNow();
        }
        return id;
    }

    private static void one(Store store, long id, int n, Random r, byte[] model) {
        double[] point = {r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble()};
        Map<String, Number> params = new LinkedHashMap<>();
        params.put("units_0", 64 + r.nextInt(960));
        params.put("units_1", List.of(128, 256, 512).get(r.nextInt(3)));
        params.put("dropout", 0.1 + 0.3 * r.nextDouble());
        params.put("learning_rate", 3e-4 * Math.pow(10, r.nextDouble()));
        params.put("batch_size", List.of(64, 128, 256).get(r.nextInt(3)));
        params.put("epochs", EPOCHS);
        TrialRecord t = store.start(id, n, 1, params, point, r.nextLong(), "bench@fixture");
        double acc = 0.9;
        for (int e = 1; e <= EPOCHS; e++) {
            acc += (0.985 - acc) * 0.4 * r.nextDouble();
            store.recordEpoch(t.id(), new EpochMetrics(e, 0.3 / e, 0.08 + 0.1 / e, acc, 6.0, 9000));
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
        store.finish(t.id(), r.nextInt(10) == 0 ? TrialStatus.PRUNED : TrialStatus.COMPLETED,
                new TrialStore.TrialResult(acc, 0.08, acc, test, model, EPOCHS, 60, 9000, null));
    }
}
