package dev.tuneboard.cli;

import dev.tuneboard.plot.StepPlot;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.TimedTrials;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tuneboard compare` over runs stored in real H2 files (one store per run, as the comparison script keeps them):
 * the summary table, the anytime plot as a PNG, and bad input. Also `leaderboard --csv`.
 */
class CompareCommandTest {
    @TempDir
    Path dir;

    /** Two methods × two seeds, each run in its own store; tpe's runs are better and earlier than random's. */
    private void fourRuns() {
        run("random-s1", new double[][] {{3, 0.90, 0.905}, {8, 0.93, 0.925}});
        run("random-s2", new double[][] {{4, 0.91, 0.912}, {9, 0.92, 0.931}});
        run("tpe-s1", new double[][] {{2, 0.94, 0.941}, {6, 0.96, 0.955}});
        try (TimedTrials db = new TimedTrials(dir.resolve("tpe-s2"))) {
            ExperimentRecord e = db.experiment("tpe-s2");
            db.finished(e, 0, TrialStatus.COMPLETED, 1, 0.95, 0.947);
            db.finished(e, 1, TrialStatus.PRUNED, 2, 0.99, 0.99);
            db.failed(e, 2, 10);
        }
    }

    private void run(String name, double[][] completed) {
        try (TimedTrials db = new TimedTrials(dir.resolve(name))) {
            ExperimentRecord e = db.experiment(name);
            for (int i = 0; i < completed.length; i++) {
                db.finished(e, i, TrialStatus.COMPLETED, completed[i][0], completed[i][1], completed[i][2]);
            }
        }
    }

    private String[] stores(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--results"));
        for (String n : List.of("random-s1", "random-s2", "tpe-s1", "tpe-s2")) args.add(dir.resolve(n).toString());
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    @Timeout(120)
    void the_table_gives_each_methods_chosen_test_accuracy_median_and_spread_and_the_png_has_a_line_per_method() throws Exception {
        fourRuns();
        Path png = dir.resolve("anytime.png");
        String[] args = stores("--plot", png.toString(), "--width", "800", "--height", "500");
        String[] withNames = new String[args.length + 1];
        withNames[0] = "compare";
        System.arraycopy(args, 0, withNames, 1, args.length);
        CliTest.Result r = CliTest.cli(withNames);
        assertEquals(0, r.code(), r.out() + r.err());
        // Chosen on validation: random 0.93 (test 92.50%) and 0.92 (93.10%); tpe 0.96 (95.50%) and 0.95 (94.70%), never the pruned 0.99.
        assertTrue(r.out().contains("| random | 2 | 92.80% | 92.50% – 93.10% | 92.50% | 2 / 0 |"), r.out());
        assertTrue(r.out().contains("| tpe | 2 | 95.10% | 94.70% – 95.50% | 95.50% | 1.5 / 0.5 |"), r.out());
        assertTrue(r.out().contains("| tpe-s2 | tpe | 1 / 1 / 3 | 0 | 95.00% | 94.70% | 1.0 min | 1.0 min |"), r.out());

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        // Each method's line in its own colour, inside the axes' frame (not the legend's swatch), running across most
        // of the plot: it lasts until the runs' last attempt.
        java.awt.Rectangle area = new StepPlot("", "", "", 800, 500).plotArea(2);
        for (int series = 0; series < 2; series++) {
            Color c = new Color(new int[] {0x1f77b4, 0xd62728}[series]);
            int minX = Integer.MAX_VALUE, maxX = -1, count = 0;
            for (int y = area.y; y < area.y + area.height; y++) {
                for (int x = area.x; x < area.x + area.width; x++) {
                    if (close(new Color(image.getRGB(x, y)), c)) {
                        count++;
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                    }
                }
            }
            assertTrue(count > 300, "series " + series + ": " + count + " pixels of its colour");
            // x runs 0..10 minutes. A median of two runs exists once both have a result: random's from minute 4 to its
            // runs' end (9), tpe's from minute 2 (tpe-s2 had one at 1) to 10 (tpe-s2's failed trial ended then).
            double from = new double[] {4, 2}[series], to = new double[] {9, 10}[series];
            assertEquals(area.x + from / 10 * area.width, minX, 4, "series " + series + " starts at minute " + from);
            assertEquals(area.x + to / 10 * area.width, maxX, 4, "series " + series + " ends at minute " + to);
        }
        int background = 0;
        for (int x = 0; x < image.getWidth(); x++) if (image.getRGB(x, 2) == StepPlot.BACKGROUND.getRGB()) background++;
        assertEquals(image.getWidth(), background, "the top margin stays background");
    }

    private static boolean close(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue()) < 30;
    }

    @Test
    @Timeout(120)
    void an_unknown_experiment_a_missing_store_or_a_bad_pattern_is_exit_2_and_writes_nothing() throws Exception {
        fourRuns();
        Path png = dir.resolve("never.png");
        CliTest.Result unknown = CliTest.cli("compare", "tpe-s1", "nope", "--results", dir.resolve("tpe-s1").toString(),
                "--plot", png.toString());
        assertEquals(2, unknown.code(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("no experiment named 'nope' in " + dir.resolve("tpe-s1")), unknown.err());
        assertFalse(Files.exists(png));

        Path missing = dir.resolve("no-such-results");
        CliTest.Result noStore = CliTest.cli("compare", "--results", missing.toString());
        assertEquals(2, noStore.code());
        assertTrue(noStore.err().contains("no Tuneboard database in " + missing), noStore.err());
        assertFalse(Files.exists(missing), "a missing store is not created");

        CliTest.Result regex = CliTest.cli("compare", "--results", dir.resolve("tpe-s1").toString(), "--group-by", "(tpe");
        assertEquals(2, regex.code());
        assertTrue(regex.err().contains("--group-by: not a regular expression"), regex.err());

        CliTest.Result noMatch = CliTest.cli("compare", "--results", dir.resolve("tpe-s1").toString(), "--group-by", "random-(.*)");
        assertEquals(2, noMatch.code());
        assertTrue(noMatch.err().contains("does not match the experiment name 'tpe-s1'"), noMatch.err());

        CliTest.Result badPlot = CliTest.cli("compare", "--results", dir.resolve("tpe-s1").toString(), "--plot",
                dir.resolve("no-dir/x.png").toString());
        assertEquals(2, badPlot.code());
        assertTrue(badPlot.err().contains("--plot: expected FILE.png in an existing folder"), badPlot.err());
    }

    @Test
    @Timeout(120)
    void leaderboard_csv_has_one_row_per_attempt_best_first_with_times_and_params() throws Exception {
        fourRuns();
        CliTest.Result r = CliTest.cli("leaderboard", "tpe-s2", "--results", dir.resolve("tpe-s2").toString(), "--csv");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("trial,attempt,status,val_accuracy,val_loss,test_accuracy,epochs_done,seconds,started_at,finished_at,"
                + "layer1_units,stop_reason,error", lines.get(0));
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(1).startsWith("1,1,pruned,0.99,0.3,0.99,1,120.0,2026-01-01T00:00:00Z,2026-01-01T00:02:00Z,65,"
                + "pruned at epoch 1,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("0,1,completed,0.95,"), lines.get(2));
        assertTrue(lines.get(3).startsWith("2,1,failed,,,,0,600.0,") && lines.get(3).endsWith(",diverged"), lines.get(3));

        CliTest.Result both = CliTest.cli("leaderboard", "tpe-s2", "--results", dir.resolve("tpe-s2").toString(), "--csv", "--json");
        assertEquals(2, both.code());
    }
}
