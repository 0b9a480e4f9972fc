package dev.tuneboard.train;

import dev.tuneboard.data.Split;
import dev.tuneboard.data.Splits;
import dev.tuneboard.train.fast.FastPaths;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialStatus;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.WeakHashMap;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Trains one network: fit on the training split, measure the validation split after every epoch
 * (that is what chooses), and score the test split once at the end (that is only reported).
 */
public final class TrialTrainer implements Trainer {
    @Override
    public String fastPaths() {
        return FastPaths.DESCRIPTION;
    }

    private static final int EVAL_BATCH = 5000;
    private static final int PROGRESS_EVERY = 20;

    private final LatencyProbe latency = new LatencyProbe();

    /**
     * Validation and test images as native chunks, made once per loaded split and shared by every trial (and every
     * parallel trial: only read). Weak keys: a split no longer loaded takes its chunks with it.
     */
    private final Map<Split, List<INDArray>> evalChunks = java.util.Collections.synchronizedMap(new WeakHashMap<>());

    private EvalChunks chunks(Split split) {
        return new EvalChunks(split, EVAL_BATCH, evalChunks.computeIfAbsent(split, s -> EvalChunks.cut(s, EVAL_BATCH)));
    }

    @Override
    public TrialOutcome train(TrialPlan plan, Splits data, EpochListener listener) {
        MultiLayerNetwork net = new MultiLayerNetwork(FastPaths.forTraining(plan.network()));
        net.init();
        try (BatchGatherer train = new BatchGatherer(data.train(), plan.batchSize(), plan.augmentation(), plan.seed());
             EvalChunks validation = chunks(data.validation())) {
            return train(net, plan, data, listener, train, validation);
        }
    }

    private TrialOutcome train(MultiLayerNetwork net, TrialPlan plan, Splits data, EpochListener listener,
                               BatchGatherer train, EvalChunks validation) {
        int n = data.train().size();
        int batches = (n + plan.batchSize() - 1) / plan.batchSize();
        Random shuffle = new Random(plan.seed());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        List<EpochMetrics> epochs = new ArrayList<>();
        long trainStart = System.nanoTime();
        long trainNanos = 0;
        TrialStatus ending = TrialStatus.COMPLETED;
        String reason = null;
        double[] lastVal = {Double.NaN, Double.NaN};
        TrialPlan.EarlyStop early = plan.earlyStop();
        EpochMetrics best = null;
        double bestValue = Double.NaN;
        INDArray bestParams = null;
        boolean stoppedEarly = false;

        epochLoop:
        for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
            shuffleInPlace(order, shuffle);
            long epochStart = System.nanoTime();
            double lossSum = 0;
            int lossCount = 0;
            for (int b = 0; b < batches; b++) {
                if (listener.interrupted()) {
                    ending = TrialStatus.STOPPED;
                    reason = "stopped during epoch " + epoch;
                    break epochLoop;
                }
                net.fit(train.batch(order, b * plan.batchSize(), epoch));
                double loss = net.score();
                if (!Double.isFinite(loss)) {
                    epochs.add(new EpochMetrics(epoch, loss, Double.NaN, Double.NaN, seconds(epochStart), 0));
                    throw new TrialDivergedException("training loss became " + loss + " in epoch " + epoch
                            + ", batch " + (b + 1) + " (learning rate too high?)", epochs);
                }
                lossSum += loss;
                lossCount++;
                if ((b + 1) % PROGRESS_EVERY == 0 || b + 1 == batches) listener.onProgress(epoch, b + 1, batches, loss);
            }
            long fitNanos = System.nanoTime() - epochStart;
            trainNanos += fitNanos;
            Eval val = evaluate(net, validation, false);
            lastVal[0] = val.accuracy;
            lastVal[1] = val.loss;
            EpochMetrics metrics = new EpochMetrics(epoch, lossSum / Math.max(1, lossCount), val.loss, val.accuracy,
                    seconds(epochStart), n / (fitNanos / 1e9));
            epochs.add(metrics);
            if (!Double.isFinite(val.loss)) {
                throw new TrialDivergedException("validation loss became " + val.loss + " after epoch " + epoch, epochs);
            }
            // DL4J counts epochs only in fit(iterator); epoch-based learning-rate schedules read this count.
            net.incrementEpochCount();
            if (early != null && early.improves(early.objective().value(metrics), bestValue)) {
                best = metrics;
                bestValue = early.objective().value(metrics);
                bestParams = net.params().dup();
            }
            EpochDecision decision = listener.onEpoch(metrics);
            if (decision.ending() == TrialStatus.PRUNED) {
                ending = TrialStatus.PRUNED;
                reason = decision.reason();
                break;
            }
            if (decision.ending() == TrialStatus.STOPPED) {
                ending = TrialStatus.STOPPED;
                reason = decision.reason();
                break;
            }
            if (early != null && epoch < plan.epochs() && epoch - best.epoch() >= early.patience()) {
                stoppedEarly = true;
                break;
            }
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        double samplesPerSecond = trainNanos == 0 ? 0 : (double) n * epochs.size() / (trainNanos / 1e9);
        if (ending == TrialStatus.STOPPED || epochs.isEmpty()) {
            return new TrialOutcome(TrialStatus.STOPPED, reason, epochs, lastVal[0], lastVal[1], null, null,
                    trainSeconds, samplesPerSecond);
        }
        if (best != null) {
            // The trial is its best epoch: its weights are tested and saved, its metrics reported; the curve stays whole.
            if (bestParams != null && best.epoch() != epochs.size()) net.setParams(bestParams);
            lastVal[0] = best.valAccuracy();
            lastVal[1] = best.valLoss();
            String kept = "best epoch " + best.epoch() + " of " + epochs.size() + " kept";
            if (stoppedEarly) {
                kept = "early stopping: " + early.objective().metric().key() + " did not improve"
                        + (early.minDelta() > 0 ? " by more than " + early.minDelta() : "") + " for " + early.patience()
                        + " epochs; " + kept;
            }
            reason = reason == null ? kept : reason + "; " + kept;
        }
        return new TrialOutcome(ending, reason, epochs, lastVal[0], lastVal[1], testReport(net, data.test()), serialize(net),
                trainSeconds, samplesPerSecond);
    }

    /** The test split scored once (confusion and every miss kept), and the trained network's inference cost. */
    private TestReport testReport(MultiLayerNetwork net, Split testSplit) {
        Eval test;
        try (EvalChunks testChunks = chunks(testSplit)) {
            test = evaluate(net, testChunks, true);
        }
        return new TestReport(test.accuracy, test.loss, test.confusion, test.misclassified, latency.measure(net, testSplit));
    }

    record Eval(double accuracy, double loss, int[][] confusion, List<Misclassified> misclassified) {
    }

    /** Accuracy and mean cross-entropy; with {@code details} also the confusion matrix and every miss. */
    static Eval evaluate(MultiLayerNetwork net, EvalChunks chunks, boolean details) {
        Split split = chunks.split();
        int classes = split.classes();
        int[][] confusion = new int[classes][classes];
        List<Misclassified> misses = new ArrayList<>();
        int correct = 0;
        double lossSum = 0;
        for (int c = 0; c < chunks.count(); c++) {
            int from = chunks.firstRow(c);
            INDArray out = net.output(chunks.features(c), false);
            float[] probs = out.castTo(DataType.FLOAT).data().asFloat();
            int rows = (int) out.size(0);
            for (int r = 0; r < rows; r++) {
                int truth = split.labels()[from + r];
                int best = 0;
                for (int k = 1; k < classes; k++) if (probs[r * classes + k] > probs[r * classes + best]) best = k;
                lossSum += -Math.log(Math.max(probs[r * classes + truth], 1e-12));
                if (best == truth) correct++;
                if (details) {
                    confusion[truth][best]++;
                    if (best != truth) {
                        misses.add(new Misclassified(split.sourceIndex()[from + r], truth, best, probs[r * classes + best]));
                    }
                }
            }
        }
        int total = Math.max(1, split.size());
        return new Eval((double) correct / total, lossSum / total, confusion, misses);
    }

    /**
     * The model as {@code ModelSerializer.writeModel(net, out, false)} writes it (the same zip entries, read back by
     * {@code ModelSerializer.restoreMultiLayerNetwork}), but stored rather than deflated: trained float weights shrink
     * by a few percent at most, and deflating 2 MB of them took longer than the whole validation pass of a small trial.
     */
    static byte[] serialize(MultiLayerNetwork net) {
        try {
            // Only the configuration changes back to DL4J's classes; the trained layers are already built.
            FastPaths.forSaving(net.getLayerWiseConfigurations());
            INDArray params = net.params();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                    params.length() * 4 + 65_536));
            // Weights and config only: the updater state would triple the size and is not needed to predict.
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.setLevel(Deflater.NO_COMPRESSION);
                zip.putNextEntry(entry("configuration.json"));
                zip.write(net.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(entry("coefficients.bin"));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(zip, 1 << 16));
                Nd4j.write(params, out);
                out.flush();
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip entry with a fixed time, so the same weights always make the same bytes. */
    private static ZipEntry entry(String name) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(java.time.LocalDateTime.of(2000, 1, 1, 0, 0));
        return e;
    }

    private static void shuffleInPlace(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
