package dev.tuneboard.predict;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** An exported model, ready to classify 28×28 images given as 784 floats in [0, 1]. */
public final class DigitClassifier {
    private final MultiLayerNetwork network;

    private DigitClassifier(MultiLayerNetwork network) {
        this.network = network;
    }

    public static DigitClassifier load(Path modelZip) throws IOException {
        try (InputStream in = Files.newInputStream(modelZip)) {
            return new DigitClassifier(ModelSerializer.restoreMultiLayerNetwork(in, false));
        }
    }

    public static DigitClassifier of(byte[] modelZip) throws IOException {
        return new DigitClassifier(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(modelZip), false));
    }

    /** Class probabilities for each row of {@code pixels} (rows × 784). One call at a time: a network's workspaces are not shared. */
    public synchronized float[][] probabilities(float[] pixels, int rows) {
        INDArray out = network.output(Nd4j.create(pixels, new long[] {rows, pixels.length / rows}, 'c'), false)
                .castTo(DataType.FLOAT);
        float[][] result = new float[rows][];
        for (int r = 0; r < rows; r++) result[r] = out.getRow(r).toFloatVector();
        return result;
    }

    public static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }
}
