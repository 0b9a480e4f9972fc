package dev.tuneboard.train;

import dev.tuneboard.data.Split;
import dev.tuneboard.data.Splits;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains one network: fit on the training split, measure the validation split after every epoch
 * (that is what chooses), and score the test split once at the end (that is only reported).
 */
public final class TrialTrainer implements Trainer {
    private static final int EVAL_BATCH = 2000;
    private static final int PROGRESS_EVERY = 20;

    /** A split as ND4J arrays, made once per trial and reused by every epoch (labels one-hot). */
    private record Arrays(INDArray features, INDArray labels) {
        static Arrays of(Split split) {
            INDArray x = Nd4j.create(split.features(), new long[] {split.size(), split.width()}, 'c');
            INDArray y = Nd4j.zeros(DataType.FLOAT, split.size(), split.classes());
            for (int i = 0; i < split.size(); i++) y.putScalar(i, split.labels()[i], 1f);
            return new Arrays(x, y);
        }
    }

    /**
     * Batch buffers allocated once per trial: each batch's shuffled rows are gathered natively into
     * them, so training allocates no arrays per batch (fit is synchronous, so reuse is safe).
     */
    private static final class Batches {
        private final Arrays source;
        private final Arrays full;
        private final Arrays last;
        private final int batchSize;
        private final int n;

        Batches(Arrays source, int n, int batchSize) {
            this.source = source;
            this.n = n;
            this.batchSize = batchSize;
            int width = (int) source.features().size(1);
            int classes = (int) source.labels().size(1);
            this.full = buffer(Math.min(batchSize, n), width, classes);
            int rest = n % batchSize;
            this.last = rest == 0 ? full : buffer(rest, width, classes);
        }

        private static Arrays buffer(int rows, int width, int classes) {
            return new Arrays(Nd4j.create(DataType.FLOAT, new long[] {rows, width}, 'c'),
                    Nd4j.create(DataType.FLOAT, new long[] {rows, classes}, 'c'));
        }

        /** Batch {@code b} of the epoch whose row order is {@code order}. */
        DataSet batch(int[] order, int b) {
            int from = b * batchSize;
            int to = Math.min(n, from + batchSize);
            Arrays into = to - from == full.features().size(0) ? full : last;
            int[] rows = java.util.Arrays.copyOfRange(order, from, to);
            Nd4j.pullRows(source.features(), into.features(), 1, rows);
            Nd4j.pullRows(source.labels(), into.labels(), 1, rows);
            return new DataSet(into.features(), into.labels());
        }
    }

    @Override
    public TrialOutcome train(TrialPlan plan, Splits data, EpochListener listener) {
        MultiLayerNetwork net = new MultiLayerNetwork(plan.network());
        net.init();
        int n = data.train().size();
        Batches train = new Batches(Arrays.of(data.train()), n, plan.batchSize());
        INDArray validation = features(data.validation());
        int batches = (n + plan.batchSize() - 1) / plan.batchSize();
        Random shuffle = new Random(plan.seed());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        List<EpochMetrics> epochs = new ArrayList<>();
        long trainStart = System.nanoTime();
        long trainNanos = 0;
        TrialOutcome.Ending ending = TrialOutcome.Ending.COMPLETED;
        String reason = null;
        double[] lastVal = {Double.NaN, Double.NaN};

        epochLoop:
        for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
            shuffleInPlace(order, shuffle);
            long epochStart = System.nanoTime();
            double lossSum = 0;
            int lossCount = 0;
            for (int b = 0; b < batches; b++) {
                if (listener.interrupted()) {
                    ending = TrialOutcome.Ending.STOPPED;
                    reason = "stopped during epoch " + epoch;
                    break epochLoop;
                }
                net.fit(train.batch(order, b));
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
            Eval val = evaluate(net, data.validation(), validation, false);
            lastVal[0] = val.accuracy;
            lastVal[1] = val.loss;
            EpochMetrics metrics = new EpochMetrics(epoch, lossSum / Math.max(1, lossCount), val.loss, val.accuracy,
                    seconds(epochStart), n / (fitNanos / 1e9));
            epochs.add(metrics);
            if (!Double.isFinite(val.loss)) {
                throw new TrialDivergedException("validation loss became " + val.loss + " after epoch " + epoch, epochs);
            }
            EpochDecision decision = listener.onEpoch(metrics);
            if (decision.kind() == EpochDecision.Kind.PRUNE) {
                ending = TrialOutcome.Ending.PRUNED;
                reason = decision.reason();
                break;
            }
            if (decision.kind() == EpochDecision.Kind.STOP) {
                ending = TrialOutcome.Ending.STOPPED;
                reason = decision.reason();
                break;
            }
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        double samplesPerSecond = trainNanos == 0 ? 0 : (double) n * epochs.size() / (trainNanos / 1e9);
        if (ending == TrialOutcome.Ending.STOPPED || epochs.isEmpty()) {
            return new TrialOutcome(TrialOutcome.Ending.STOPPED, reason, epochs, lastVal[0], lastVal[1], null, null,
                    trainSeconds, samplesPerSecond);
        }
        Eval test = evaluate(net, data.test(), features(data.test()), true);
        TestReport report = new TestReport(test.accuracy, test.loss, test.confusion, test.misclassified);
        return new TrialOutcome(ending, reason, epochs, lastVal[0], lastVal[1], report, serialize(net),
                trainSeconds, samplesPerSecond);
    }

    private record Eval(double accuracy, double loss, int[][] confusion, List<Misclassified> misclassified) {
    }

    /** Accuracy and mean cross-entropy; with {@code details} also the confusion matrix and every miss. */
    static Eval evaluate(MultiLayerNetwork net, Split split, INDArray features, boolean details) {
        int classes = split.classes();
        int[][] confusion = new int[classes][classes];
        List<Misclassified> misses = new ArrayList<>();
        int correct = 0;
        double lossSum = 0;
        for (int from = 0; from < split.size(); from += EVAL_BATCH) {
            int to = Math.min(split.size(), from + EVAL_BATCH);
            // Rows from..to of a c-order matrix: a contiguous view, nothing copied.
            INDArray out = net.output(features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), false);
            float[] probs = out.castTo(DataType.FLOAT).data().asFloat();
            for (int r = 0; r < to - from; r++) {
                int truth = split.labels()[from + r];
                int best = 0;
                for (int c = 1; c < classes; c++) if (probs[r * classes + c] > probs[r * classes + best]) best = c;
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

    /** A split's features as one array, made once per trial; evaluation reads views of it. */
    private static INDArray features(Split split) {
        return Nd4j.create(split.features(), new long[] {split.size(), split.width()}, 'c');
    }

    static byte[] serialize(MultiLayerNetwork net) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            // Weights and config only: the updater state would triple the size and is not needed to predict.
            ModelSerializer.writeModel(net, bytes, false);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
