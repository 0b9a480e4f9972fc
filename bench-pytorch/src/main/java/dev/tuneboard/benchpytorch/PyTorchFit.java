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
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.bench.TimedLoop;
import dev.tuneboard.data.Split;
import dev.tuneboard.data.Splits;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bare fit loop of Tuneboard's bench ({@code BareFitPart}) in PyTorch through DJL: the same
 * 784-512-256-10 ReLU net, softmax cross-entropy, Adam(1e-3, 0.9, 0.999, 1e-8), batch 128, the same
 * MNIST training split, batches made before the clock. Prints one JSON line in the bench's PartResult
 * format. Run by {@code tuneboard bench --pytorch DIR} in a child JVM per setup: {@code --threads N} intra-op
 * threads, {@code --parallelism P} one-loop JVMs at once (summed samples/s).
 */
public final class PyTorchFit {
    private static final int BATCH = 128;

    private PyTorchFit() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        int threads = Integer.parseInt(a.getOrDefault("--threads", "1"));
        int loops = Math.max(1, Integer.parseInt(a.getOrDefault("--parallelism", "1")));
        double rate = loops == 1 ? loop(a, threads) : parallel(args, loops);
        System.out.printf(Locale.ROOT, "{\"part\":\"pytorch\",\"threads\":%d,\"parallelism\":%d,"
                + "\"metrics\":{\"samples_per_s\":%.1f}}%n", threads, loops, rate);
    }

    /**
     * {@code loops} one-loop JVMs at once, their samples/s summed. Not threads of this JVM: DJL's PyTorch engine
     * allows one gradient collector per process ("Only one can be collecting at a time"), so as Optuna's n_jobs
     * cannot run two trainings in one process here, each loop gets its own process. They start the clock
     * together: each marks itself ready in a shared folder after its warm-up and waits for the others.
     */
    private static double parallel(String[] args, int loops) throws Exception {
        Path barrier = Files.createTempDirectory("pytorch-bench-barrier");
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 0; i < loops; i++) {
                List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx2g",
                        "-cp", System.getProperty("java.class.path"), PyTorchFit.class.getName()));
                cmd.addAll(List.of(args));
                cmd.addAll(List.of("--parallelism", "1", "--barrier", barrier.toString(), "--barrier-count", String.valueOf(loops)));
                Path log = Files.createTempFile("pytorch-bench-loop", ".log");
                logs.add(log);
                children.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
            }
            double total = 0;
            for (int i = 0; i < loops; i++) {
                int rc = children.get(i).waitFor();
                List<String> lines = Files.readAllLines(logs.get(i));
                String last = lines.stream().filter(l -> l.startsWith("{\"part\"")).reduce((x, y) -> y).orElse(null);
                if (rc != 0 || last == null) {
                    throw new IllegalStateException("PyTorch loop " + (i + 1) + " of " + loops + " failed (exit " + rc + "):\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
                }
                Matcher m = Pattern.compile("\"samples_per_s\":([0-9.]+)").matcher(last);
                if (!m.find()) throw new IllegalStateException("no samples_per_s in " + last);
                total += Double.parseDouble(m.group(1));
            }
            return total;
        } finally {
            children.forEach(Process::destroyForcibly);
            for (Path log : logs) Files.deleteIfExists(log);
            try (var files = Files.list(barrier)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(barrier);
        }
    }

    private static double loop(Map<String, String> a, int threads) throws Exception {
        double seconds = Double.parseDouble(a.getOrDefault("--seconds", "10"));
        // Read by DJL when the engine loads: no downloads, and PyTorch's thread pools sized like ND4J's.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");

        Splits data = new DigitDataLoader(new IdxReader()).load(Path.of(a.getOrDefault("--data", "data/mnist")),
                Integer.parseInt(a.getOrDefault("--validation", "10000")),
                Integer.parseInt(a.getOrDefault("--train-limit", "0")),
                Integer.parseInt(a.getOrDefault("--test-limit", "0")), 1234);
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
                List<NDList> batches = batches(trainer.getManager(), data.train());
                fitFor(trainer, batches, Math.min(2.0, seconds / 3));
                if (a.containsKey("--barrier")) {
                    awaitOthers(Path.of(a.get("--barrier")), Integer.parseInt(a.get("--barrier-count")));
                }
                long t0 = System.nanoTime();
                long samples = fitFor(trainer, batches, seconds);
                return samples / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private static void awaitOthers(Path barrier, int count) throws Exception {
        Files.createFile(barrier.resolve("ready-" + ProcessHandle.current().pid()));
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (true) {
            try (var files = Files.list(barrier)) {
                if (files.count() >= count) return;
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("the other PyTorch loops never got ready");
            Thread.sleep(5);
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
