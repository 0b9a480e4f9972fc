package dev.tuneboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A spec limit (objective.max_parameters) on really trained trials: the leaderboard marks and filters the trial that
 * breaks it, `export` chooses among the others, and `export --trial N` of the big one refuses with exit code 2 and
 * writes nothing unless told --ignore-limits.
 */
class ExportLimitsTest {
    @TempDir
    Path dir;

    // 784-16-10 has 12,730 parameters, 784-256-10 has 203,530: the limit lets only the small one through.
    private static final String SPEC = """
            name: limits
            data: {dir: data/mnist, train_limit: 2500, validation: 500, test_limit: 500}
            model:
              hidden_layers:
                - units: {choice: [16, 256]}
            training: {learning_rate: 0.003, batch_size: 64, epochs: 1}
            search: {algorithm: grid, trials: 2, parallelism: 2, seed: 4}
            objective: {metric: val_accuracy, direction: maximize, max_parameters: 50000}
            """;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void the_leaderboard_and_export_respect_the_limit_and_an_explicit_trial_must_meet_it_too() throws Exception {
        String results = CliTest.runQuietly(dir, "limits", SPEC).toString();

        JsonNode board = new ObjectMapper().readTree(CliTest.cli("leaderboard", "limits", "--json", "--results", results).out());
        assertEquals(2, board.size());
        int small = -1, big = -1;
        for (JsonNode row : board) {
            long parameters = row.get("parameters").asLong();
            assertTrue(row.get("latencyMs").asDouble() > 0);
            assertEquals(parameters <= 50_000, row.get("feasible").asBoolean());
            if (parameters == 12_730) small = row.get("number").asInt();
            if (parameters == 203_530) big = row.get("number").asInt();
        }
        assertTrue(small >= 0 && big >= 0, board.toString());
        JsonNode feasible = new ObjectMapper().readTree(CliTest.cli("leaderboard", "limits", "--json", "--feasible", "--results", results).out());
        assertEquals(1, feasible.size());
        assertEquals(small, feasible.get(0).get("number").asInt());
        CliTest.Result table = CliTest.cli("leaderboard", "limits", "--results", results);
        assertTrue(table.out().contains("infeasible: 203,530 parameters > 50,000"), table.out());

        Path out = dir.resolve("chosen");
        CliTest.Result chosen = CliTest.cli("export", "limits", "--out", out.toString(), "--results", results);
        assertEquals(0, chosen.code(), chosen.err());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertEquals(small, card.get("trial").asInt(), "the best trial that meets the limit, whatever the big one scored");
        assertEquals(12_730, card.get("metrics").get("parameters").asLong());

        Path refused = dir.resolve("refused");
        CliTest.Result r = CliTest.cli("export", "limits", "--trial", String.valueOf(big), "--out", refused.toString(), "--results", results);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--trial: trial " + big + " of 'limits' breaks the experiment's limits (203,530 parameters > 50,000)"), r.err());
        assertFalse(Files.exists(refused), "nothing written");

        CliTest.Result missing = CliTest.cli("export", "limits", "--trial", "99", "--out", refused.toString(), "--results", results);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("has no trial 99"), missing.err());

        CliTest.Result forced = CliTest.cli("export", "limits", "--trial", String.valueOf(big), "--ignore-limits", "--out", refused.toString(),
                "--results", results);
        assertEquals(0, forced.code(), forced.err());
        JsonNode forcedCard = new ObjectMapper().readTree(refused.resolve("model-card.json").toFile());
        assertEquals(big, forcedCard.get("trial").asInt());
        assertTrue(forcedCard.get("limits").asText().startsWith("broken: 203,530 parameters"), forcedCard.toString());
    }
}
