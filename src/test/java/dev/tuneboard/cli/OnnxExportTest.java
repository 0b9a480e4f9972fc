package dev.tuneboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.export.OnnxRuntimeCheck;
import onnx.Onnx;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `export` writes model.onnx beside model.zip: ONNX Runtime gives the same digit for each of 1,000 real test
 * images as DL4J does with the zip, with probabilities within 1e-5, and the card says how to feed it.
 */
class OnnxExportTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            name: onnx-export
            data: {dir: data/mnist, train_limit: 3000, validation: 500, test_limit: 500}
            model:
              hidden_layers:
                - units: 64
                - units: 32
              dropout: 0.2
            training: {learning_rate: 0.003, batch_size: 64, epochs: 2}
            search: {algorithm: random, trials: 1, seed: 7}
            """;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void the_exported_onnx_model_predicts_what_the_dl4j_zip_predicts() throws Exception {
        Path results = CliTest.runQuietly(dir, "onnx-export", SPEC);
        Path out = dir.resolve("best");
        CliTest.Result export = CliTest.cli("export", "onnx-export", "--out", out.toString(), "--results", results.toString());
        assertEquals(0, export.code(), export.out() + export.err());
        assertTrue(export.out().contains("model.onnx"), export.out());

        byte[] onnx = Files.readAllBytes(out.resolve("model.onnx"));
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(onnx);
        assertTrue(model.getOpsetImport(0).getVersion() >= 13);
        List<String> ops = model.getGraph().getNodeList().stream().map(Onnx.NodeProto::getOpType).toList();
        assertEquals(List.of("Gemm", "Relu", "Gemm", "Relu", "Gemm", "Softmax"), ops, "no dropout in the graph");

        MultiLayerNetwork net;
        try (InputStream in = Files.newInputStream(out.resolve("model.zip"))) {
            net = ModelSerializer.restoreMultiLayerNetwork(in, false);
        }
        float[] pixels = OnnxRuntimeCheck.testImages(1000);
        double worst = OnnxRuntimeCheck.compare(OnnxRuntimeCheck.dl4j(net, pixels, 1000),
                OnnxRuntimeCheck.onnxRuntime(onnx, pixels, 1000));
        System.out.printf("trained model: max |Δp| %.3g over 1000 test images%n", worst);

        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertEquals("pixels", card.path("onnx").path("input").path("name").asText(), card.toString());
        assertEquals("probabilities", card.path("onnx").path("output").path("name").asText());
        assertTrue(card.path("onnx").path("preprocessing").asText().contains("[0, 1]"));
    }
}
