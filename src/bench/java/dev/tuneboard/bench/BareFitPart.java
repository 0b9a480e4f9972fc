package dev.tuneboard.bench;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Split;
import dev.tuneboard.data.Splits;
import dev.tuneboard.train.fast.FastPaths;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The best case DL4J offers: the reference net built directly, batches made once before the clock
 * starts, and nothing but {@code net.fit} in the timed loop. No shuffling, no evaluation.
 * {@code parallelism} loops run at once, each on its own net (summed samples/s). With {@code fast}
 * the configuration first goes through {@link FastPaths}, as a Tuneboard trial's does.
 */
final class BareFitPart implements Part {
    private final boolean fast;

    BareFitPart(boolean fast) {
        this.fast = fast;
    }

    @Override
    public PartResult run(PartOptions o) throws Exception {
        Splits data = new DigitDataLoader(new IdxReader()).load(o.dataDir(), o.validation(), o.trainLimit(), o.testLimit(), 1234);
        List<DataSet> batches = batches(data.train());
        int loops = Math.max(1, o.parallelism());
        ExecutorService pool = Executors.newFixedThreadPool(loops);
        try {
            CyclicBarrier start = new CyclicBarrier(loops);
            List<Future<double[]>> results = new ArrayList<>();
            for (int i = 0; i < loops; i++) {
                long seed = 42 + i;
                results.add(pool.submit(() -> loop(batches, seed, o.seconds(), start)));
            }
            double samplesPerSecond = 0;
            double score = 0;
            for (Future<double[]> r : results) {
                samplesPerSecond += r.get()[0];
                score = r.get()[1];
            }
            return new PartResult(fast ? "bare-fast" : "bare", o.threads(), loops,
                    Map.of("samples_per_s", samplesPerSecond, "score", score));
        } finally {
            pool.shutdownNow();
        }
    }

    private double[] loop(List<DataSet> batches, long seed, double seconds, CyclicBarrier start) throws Exception {
        MultiLayerConfiguration conf = configuration(seed);
        MultiLayerNetwork net = new MultiLayerNetwork(fast ? FastPaths.forTraining(conf) : conf);
        net.init();
        // JIT and workspaces settle during the first batches; they are not what we measure.
        fitFor(net, batches, Math.min(2.0, seconds / 3));
        start.await();
        long t0 = System.nanoTime();
        long samples = fitFor(net, batches, seconds);
        double secs = (System.nanoTime() - t0) / 1e9;
        return new double[] {samples / secs, net.score()};
    }

    private static long fitFor(MultiLayerNetwork net, List<DataSet> batches, double seconds) {
        return TimedLoop.samples(seconds, i -> {
            DataSet batch = batches.get(i % batches.size());
            net.fit(batch);
            return batch.numExamples();
        });
    }

    static List<DataSet> batches(Split split) {
        INDArray x = Nd4j.create(split.features(), new long[] {split.size(), split.width()}, 'c');
        INDArray y = Nd4j.zeros(DataType.FLOAT, split.size(), split.classes());
        for (int i = 0; i < split.size(); i++) y.putScalar(i, split.labels()[i], 1f);
        List<DataSet> out = new ArrayList<>();
        for (int from = 0; from + ReferenceNet.BATCH <= split.size(); from += ReferenceNet.BATCH) {
            var rows = NDArrayIndex.interval(from, from + ReferenceNet.BATCH);
            out.add(new DataSet(x.get(rows, NDArrayIndex.all()).dup(), y.get(rows, NDArrayIndex.all()).dup()));
        }
        return out;
    }

    /** The configuration ArbiterSpace produces for the reference point, written out in plain DL4J. */
    static MultiLayerConfiguration configuration(long seed) {
        int[] l = ReferenceNet.LAYERS;
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(ReferenceNet.LEARNING_RATE, 0.9, 0.999, 1e-8))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new DenseLayer.Builder().nOut(l[1]).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(l[2]).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nOut(l[3]).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(l[0]))
                .build();
    }
}
