package dev.tuneboard.web;

import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.run.RunListener;
import dev.tuneboard.run.StopSignal;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.store.NewExperiment;
import dev.tuneboard.trial.Objective;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real store for the web tests: a tiny real experiment trained on the MNIST slice in data/mnist (so
 * trials have real curves, confusion matrices, misclassified digits and models) plus an experiment whose
 * name is markup. Built once per test JVM; the route and browser tests share it.
 */
final class WebFixture {
    static final String EXPERIMENT = "web-fixture";
    static final String SCRIPT_NAME = "<script>alert(1)</script>";
    /** Names may hold commas: anything that lists names must not split them. */
    static final String COMMA_NAME = "tpe, seed 2";
    static final String SPEC = """
            name: web-fixture
            data: {dir: data/mnist, train_limit: 3000, validation: 1000, test_limit: 1000}
            model:
              hidden_layers:
                - units: {choice: [16, 32, 64]}
              dropout: {uniform: [0.0, 0.2]}
            training:
              learning_rate: {loguniform: [1.0e-3, 5.0e-3]}
              batch_size: 64
              epochs: 2
            search: {algorithm: random, trials: 4, parallelism: 2, seed: 3}
            objective: {metric: val_accuracy, direction: maximize}
            """;

    private static Tuneboard app;

    private WebFixture() {
    }

    static synchronized Tuneboard app() throws Exception {
        if (app != null) return app;
        Path dir = Files.createTempDirectory("tuneboard-web-");
        Tuneboard tb = new Tuneboard(dir, null);
        Experiments experiments = tb.experiments();
        ExperimentSpec spec = experiments.specs().parse(SPEC, "web-fixture.yaml");
        experiments.run(experiments.prepare(spec), RunListener.SILENT, new StopSignal());
        tb.store().create(new NewExperiment(SCRIPT_NAME, "name: x\n", "0", "0", Objective.VAL_ACCURACY, 3, 1));
        tb.store().create(new NewExperiment(COMMA_NAME, "name: y\n", "0", "0", Objective.VAL_ACCURACY, 3, 1));
        app = tb;
        return tb;
    }

    /** A spec for a new experiment that trains in a few seconds. */
    static String quickSpec(String name) {
        return SPEC.replace("name: web-fixture", "name: " + name).replace("trials: 4", "trials: 1").replace("epochs: 2", "epochs: 1");
    }
}
