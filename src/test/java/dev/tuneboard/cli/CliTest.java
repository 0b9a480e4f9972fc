package dev.tuneboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI as a user runs it: arguments in, text and exit code out. */
class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static synchronized Result cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.commandLine().execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /**
     * The small spec the CLI tests run: two random trials (two in parallel) of one hidden layer of 32 or 48 units,
     * batch 64, on a slice of MNIST; each test names it and sizes its slice and epochs.
     */
    static String tinySpec(String name, int trainLimit, int validation, int testLimit, int epochs, int seed) {
        return """
                name: %s
                data: {dir: data/mnist, train_limit: %d, validation: %d, test_limit: %d}
                model:
                  hidden_layers:
                    - units: {choice: [32, 48]}
                training: {learning_rate: 0.003, batch_size: 64, epochs: %d}
                search: {algorithm: random, trials: 2, parallelism: 2, seed: %d}
                """.formatted(name, trainLimit, validation, testLimit, epochs, seed);
    }

    /** Writes {@code specText} to DIR/NAME.yaml and runs it quietly into DIR/results; returns that folder. */
    static Path runQuietly(Path dir, String name, String specText) throws Exception {
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, specText);
        Path results = dir.resolve("results");
        Result run = cli("run", spec.toString(), "--results", results.toString(), "--quiet");
        assertEquals(0, run.code(), run.out() + run.err());
        return results;
    }

    private static final String TINY = tinySpec("cli-tiny", 2000, 500, 500, 1, 9);

    @Test
    void validate_prints_the_space_grid_and_estimate() throws Exception {
        Result r = cli("validate", "experiments/mnist-mlp.yaml");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("layer1_units") && r.out().contains("grid:") && r.out().contains("time:"), r.out());
        assertTrue(r.out().contains("checksums verified"), r.out());
    }

    @Test
    void a_bad_spec_exits_2_naming_file_line_and_field_and_writes_nothing() throws Exception {
        Path spec = write("bad.yaml", TINY.replace("trials: 2", "trials: 0"));
        Path results = dir.resolve("results");
        Result r = cli("run", spec.toString(), "--results", results.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.yaml:7:") && r.err().contains("search.trials"), r.err());
        assertFalse(Files.exists(results), "nothing written for bad input");
    }

    @Test
    void bench_with_an_unbuilt_pytorch_folder_exits_2_before_measuring() throws Exception {
        Path out = dir.resolve("bench-out");
        Result r = cli("bench", "--pytorch", dir.resolve("no-such-target").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no lib/ folder") && r.err().contains("bench-pytorch/pom.xml"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void missing_data_exits_2_and_writes_nothing() throws Exception {
        Path spec = write("nodata.yaml", TINY.replace("dir: data/mnist", "dir: " + dir.resolve("nowhere")));
        Path results = dir.resolve("results");
        Result r = cli("run", spec.toString(), "--results", results.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("data folder not found"), r.err());
        assertFalse(Files.exists(results));
        Result v = cli("validate", spec.toString());
        assertEquals(2, v.code());
    }

    @Test
    void run_then_leaderboard_json_show_export_and_predict() throws Exception {
        Path spec = write("tiny.yaml", TINY);
        String results = dir.resolve("results").toString();
        Result run = cli("run", spec.toString(), "--results", results, "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("leaderboard of cli-tiny"), run.out());

        Result json = cli("leaderboard", "cli-tiny", "--json", "--results", results);
        assertEquals(0, json.code(), json.err());
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertEquals(2, rows.size());
        for (JsonNode row : rows) {
            for (String field : new String[] {"number", "status", "params", "valAccuracy", "testAccuracy", "epochsDone", "seconds"}) {
                assertTrue(row.has(field), field + " missing in " + row);
            }
            assertTrue(row.get("params").isObject());
        }
        assertTrue(rows.get(0).get("valAccuracy").asDouble() >= rows.get(1).get("valAccuracy").asDouble());

        Result show = cli("show", "cli-tiny", rows.get(0).get("number").asText(), "--results", results);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("confusion matrix") && show.out().contains("epoch"), show.out());

        Path best = dir.resolve("best");
        Result export = cli("export", "cli-tiny", "--out", best.toString(), "--results", results);
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.exists(best.resolve("model.zip")) && Files.exists(best.resolve("model.onnx")) && Files.exists(best.resolve("model-card.json")));

        Result predict = cli("predict", "--model", best.resolve("model.zip").toString(), "--idx",
                "data/mnist/t10k-images-idx3-ubyte.gz", "--index", "0");
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().contains("#0: "), predict.out());

        Result rerun = cli("rerun", "cli-tiny", rows.get(0).get("number").asText(), "--results", results);
        assertEquals(0, rerun.code(), rerun.err());
        assertTrue(rerun.out().contains("diff:    val +0.0000 test +0.0000"), "one thread reproduces a trial exactly: " + rerun.out());

        Result again = cli("run", write("other.yaml", TINY.replace("seed: 9", "seed: 10")).toString(), "--results", results);
        assertEquals(2, again.code(), "same name, different spec");
        assertTrue(again.err().contains("already exists with a different spec"), again.err());
    }

    @Test
    void predict_reads_a_png_of_any_size() throws Exception {
        // Draw MNIST test image 0 (a 7) as a dark-on-light 100×100 PNG, as a user might save one.
        var images = new dev.tuneboard.data.IdxReader().read(Path.of("data/mnist/t10k-images-idx3-ubyte.gz"),
                dev.tuneboard.data.IdxFile.IMAGES);
        var picture = new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) for (int x = 0; x < 28; x++) picture.getRaster().setSample(x, y, 0, 255 - images.unsigned(0, y * 28 + x));
        var big = new java.awt.image.BufferedImage(100, 100, java.awt.image.BufferedImage.TYPE_INT_RGB);
        big.createGraphics().drawImage(picture, 0, 0, 100, 100, null);
        Path png = dir.resolve("seven.png");
        javax.imageio.ImageIO.write(big, "png", png.toFile());
        float[] pixels = dev.tuneboard.predict.ImageInput.read(png);
        assertEquals(784, pixels.length);
        // Inverted back to white-on-black and close to the original.
        double diff = 0;
        for (int i = 0; i < 784; i++) diff += Math.abs(pixels[i] - images.unsigned(0, i) / 255f);
        assertTrue(diff / 784 < 0.08, "mean pixel difference " + diff / 784);
    }

    @Test
    void unknown_experiment_is_bad_input() {
        Result r = cli("leaderboard", "nope", "--results", dir.resolve("r").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no experiment named 'nope'"));
    }
}
