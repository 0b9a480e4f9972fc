package dev.tuneboard.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tuneboard.data.DataException;
import dev.tuneboard.data.IdxFile;
import dev.tuneboard.data.IdxReader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs an ONNX model with ONNX Runtime next to the DL4J network it came from, on real MNIST test images. */
public final class OnnxRuntimeCheck {
    public static final double TOLERANCE = 1e-5;

    /** The first {@code count} images of the MNIST test file, as 0–1 floats, row after row. */
    public static float[] testImages(int count) throws DataException {
        IdxFile images = new IdxReader().read(Path.of("data/mnist/t10k-images-idx3-ubyte.gz"), IdxFile.IMAGES);
        float[] pixels = new float[count * 784];
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < 784; i++) pixels[n * 784 + i] = images.unsigned(n, i) / 255f;
        }
        return pixels;
    }

    public static float[][] onnxRuntime(byte[] model, float[] pixels, int rows) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {rows, 784});
                 OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
                assertEquals(OnnxExporter.INPUT, session.getInputNames().iterator().next());
                return (float[][]) result.get(OnnxExporter.OUTPUT).orElseThrow().getValue();
            }
        }
    }

    public static float[][] dl4j(MultiLayerNetwork net, float[] pixels, int rows) {
        float[][] out = new float[rows][];
        var p = net.output(Nd4j.create(pixels, new long[] {rows, 784}, 'c'), false).castTo(DataType.FLOAT);
        for (int r = 0; r < rows; r++) out[r] = p.getRow(r).toFloatVector();
        return out;
    }

    /** Same argmax on every row, and the largest probability difference; returns that difference. */
    public static double compare(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int r = 0; r < expected.length; r++) {
            assertEquals(10, actual[r].length);
            assertEquals(argmax(expected[r]), argmax(actual[r]), "argmax of row " + r);
            for (int k = 0; k < 10; k++) worst = Math.max(worst, Math.abs(expected[r][k] - actual[r][k]));
        }
        assertTrue(worst <= TOLERANCE, "max |Δp| " + worst + " > " + TOLERANCE);
        return worst;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    private OnnxRuntimeCheck() {
    }
}
