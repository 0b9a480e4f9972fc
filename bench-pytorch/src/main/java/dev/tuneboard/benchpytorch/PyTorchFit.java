package dev.tuneboard.benchpytorch;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.bench.TimedLoop;
import dev.tuneboard.data.Split;
import dev.tuneboard.data.Splits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bare fit loop of Tuneboard's bench ({@code BareFitPart}) in PyTorch through DJL: the same
 * 784-512-256-10 ReLU net, softmax cross-entropy, Adam(1e-3, 0.9, 0.999, 1e-8), batch 128, the same
 * MNIST training split, batches made before the clock. Prints one JSON line in the bench's PartResult
 * format. Run by {@code tuneboard bench --pytorch DIR} in a child JVM per setup: {@code --threads N} intra-op
 * threads, {@code --parallelism P} loops at once (summed samples/s).
 */
public final class PyTorchFit {
    private static final int BATCH = 128;

    private PyTorchFit() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        int threads = Integer.parseInt(a.getOrDefault("--threads", "1"));
        double seconds = Double.parseDouble(a.getOrDefault("--seconds", "10"));
        // Read by DJL when the engine loads: no downloads, and PyTorch's thread pools sized like ND4J's.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");

        Splits data = Tuneboard.dataLoader().load(Path.of(a.getOrDefault("--data", "data/mnist")),
                Integer.parseInt(a.getOrDefault("--validation", "10000")),
                Integer.parseInt(a.getOrDefault("--train-limit", "0")),
                Integer.parseInt(a.getOrDefault("--test-limit", "0")), 1234);
        int loops = Math.max(1, Integer.parseInt(a.getOrDefault("--parallelism", "1")));
        // Loops in one process on threads of their own, each with its own model, as Optuna's n_jobs runs
        // objectives; with PyTorch's intra-op pool at one thread every op runs on the calling thread, so the
        // loops don't share (or fight over) a pool. All start the clock together; their rates are summed.
        CyclicBarrier start = new CyclicBarrier(loops);
        ExecutorService pool = Executors.newFixedThreadPool(loops);
        double total = 0;
        try {
            List<Future<Double>> rates = new ArrayList<>();
            for (int i = 0; i < loops; i++) rates.add(pool.submit(() -> loop(data.train(), seconds, start)));
            for (Future<Double> r : rates) total += r.get();
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "{\"part\":\"pytorch\",\"threads\":%d,\"parallelism\":%d,"
                + "\"metrics\":{\"samples_per_s\":%.1f}}%n", threads, loops, total);
    }

    private static double loop(Split train, double seconds, CyclicBarrier start) throws Exception {
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(512).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(256).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
        try (Model model = Model.newInstance("reference", "PyTorch")) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f))
                            .optBeta1(0.9f).optBeta2(0.999f).optEpsilon(1e-8f).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 784));
                List<NDList> batches = batches(trainer.getManager(), train);
                fitFor(trainer, batches, Math.min(2.0, seconds / 3));
                start.await();
                long t0 = System.nanoTime();
                long samples = fitFor(trainer, batches, seconds);
                return samples / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private static long fitFor(Trainer trainer, List<NDList> batches, double seconds) {
        return TimedLoop.samples(seconds, i -> {
            NDList batch = batches.get(i % batches.size());
            // Everything the step creates lives in a sub-manager and is freed with it.
            try (NDManager step = trainer.getManager().newSubManager()) {
                batch.tempAttach(step);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList out = trainer.forward(new NDList(batch.get(0)));
                    NDArray loss = trainer.getLoss().evaluate(new NDList(batch.get(1)), out);
                    gc.backward(loss);
                }
                trainer.step();
            }
            return BATCH;
        });
    }

    private static List<NDList> batches(NDManager manager, Split split) {
        List<NDList> out = new ArrayList<>();
        int width = split.width();
        for (int from = 0; from + BATCH <= split.size(); from += BATCH) {
            float[] x = java.util.Arrays.copyOfRange(split.features(), from * width, (from + BATCH) * width);
            float[] y = new float[BATCH];
            for (int r = 0; r < BATCH; r++) y[r] = split.labels()[from + r];
            out.add(new NDList(manager.create(x, new Shape(BATCH, width)), manager.create(y, new Shape(BATCH))));
        }
        return out;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) m.put(args[i], args[i + 1]);
        return m;
    }
}
