package dev.tuneboard.web;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunListener;
import dev.tuneboard.run.StopSignal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real trials with real costs for the trade-off routes and pages: a two-objective experiment whose layer sizes
 * vary 64-fold, trained on the MNIST slice in data/mnist. Built once per test JVM; route and browser tests share it.
 */
final class TradeoffFixture {
    static final String PARETO = "pareto-fixture";
    static final String SPEC = """
            name: pareto-fixture
            data: {dir: data/mnist, train_limit: 2500, validation: 500, test_limit: 1000}
            model:
              hidden_layers:
                - units: {choice: [8, 32, 128, 512]}
              dropout: 0.0
            training: {learning_rate: {loguniform: [1.0e-3, 5.0e-3]}, batch_size: 64, epochs: 1}
            search: {algorithm: grid, trials: 8, parallelism: 2, seed: 3, grid_points: 2}
            objectives:
              - {metric: val_accuracy, direction: maximize}
              - {metric: latency_ms, direction: minimize}
            """;

    private static Tuneboard app;

    private TradeoffFixture() {
    }

    static synchronized Tuneboard app() throws Exception {
        if (app != null) return app;
        Path dir = Files.createTempDirectory("tuneboard-tradeoffs-");
        Tuneboard tb = new Tuneboard(dir, null);
        Experiments experiments = tb.experiments();
        experiments.run(experiments.prepare(experiments.specs().parse(SPEC, "pareto-fixture.yaml")), RunListener.SILENT, new StopSignal());
        app = tb;
        return tb;
    }
}
