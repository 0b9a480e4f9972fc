package dev.tuneboard.bench;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.data.Split;
import dev.tuneboard.data.Splits;
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

/**
 * The best case DL4J offers: the reference net built directly, batches made once before the clock
 * starts, and nothing but {@code net.fit} in the timed loop. No shuffling, no evaluation.
 */
final class BareFitPart implements Part {
    @Override
    public PartResult run(PartOptions o) throws Exception {
        Splits data = Tuneboard.dataLoader().load(o.dataDir(), o.validation(), o.trainLimit(), o.testLimit(), 1234);
        List<DataSet> batches = batches(data.train());
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(42));
        net.init();
        // JIT and workspaces settle during the first batches; they are not what we measure.
        fitFor(net, batches, Math.min(2.0, o.seconds() / 3));
        long start = System.nanoTime();
        long samples = fitFor(net, batches, o.seconds());
        double secs = (System.nanoTime() - start) / 1e9;
        return new PartResult("bare", o.threads(), 1, Map.of("samples_per_s", samples / secs,
                "score", net.score()));
    }

    private static long fitFor(MultiLayerNetwork net, List<DataSet> batches, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long samples = 0;
        int i = 0;
        do {
            DataSet batch = batches.get(i++ % batches.size());
            net.fit(batch);
            samples += batch.numExamples();
        } while (System.nanoTime() < end);
        return samples;
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
