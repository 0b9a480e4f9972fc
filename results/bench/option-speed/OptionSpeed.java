import dev.tuneboard.data.DigitDataLoader;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.data.Splits;
import dev.tuneboard.search.SearchSpace;
import dev.tuneboard.search.arbiter.ArbiterSearchFactory;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.spec.SpecLoader;
import dev.tuneboard.train.Augmentation;
import dev.tuneboard.train.EpochDecision;
import dev.tuneboard.train.TrialOutcome;
import dev.tuneboard.train.TrialPlan;
import dev.tuneboard.train.TrialTrainer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** 1-trial training speed with and without each option, alternated, in one JVM on one ND4J thread (as a trial runs). */
public class OptionSpeed {
    static final String BASE = """
            name: speed
            model:
              hidden_layers: HIDDEN
              dropout: 0.2
            MODEL
            training:
              learning_rate: 0.001
              batch_size: 128
              epochs: 2
            TRAINING
            """;

    static double run(Splits data, String model, String training) throws Exception {
        String hidden = model.contains("count:") ? "" : "[{units: 512}, {units: 512}]";
        String text = BASE.replace("HIDDEN", hidden).replace("MODEL", model).replace("TRAINING", training);
        if (hidden.isEmpty()) text = text.replace("  hidden_layers: \n", "");
        ExperimentSpec spec = new SpecLoader().parse(text, "speed.yaml");
        SearchSpace space = new ArbiterSearchFactory(784, 10).space(spec);
        var early = spec.training().earlyStopping();
        TrialPlan plan = new TrialPlan(space.network(new double[space.dimensions()], 1), 128, 2, 1, Augmentation.NONE,
                early == null ? null : new TrialPlan.EarlyStop(spec.objective(), early.patience(), early.minDelta()));
        TrialOutcome out = new TrialTrainer().train(plan, data, m -> EpochDecision.CONTINUE);
        return out.samplesPerSecond();
    }

    public static void main(String[] args) throws Exception {
        Splits data = new DigitDataLoader(new IdxReader()).load(Path.of(args[0]), 2000, 12000, 2000, 1234);
        Map<String, String[]> options = new LinkedHashMap<>();
        options.put("lr_schedule cosine + warmup 1", new String[] {"", "  lr_schedule: cosine\n  warmup_epochs: 1"});
        options.put("weight_decay 1e-4", new String[] {"", "  weight_decay: 1.0e-4"});
        options.put("max_norm 3", new String[] {"  max_norm: 3.0", ""});
        options.put("activation gelu", new String[] {"  activation: gelu", ""});
        options.put("activation elu", new String[] {"  activation: elu", ""});
        options.put("activation leaky_relu", new String[] {"  activation: leaky_relu", ""});
        options.put("hidden_layers {count: 2, units: 512}", new String[] {"  hidden_layers: {count: 2, units: 512}", ""});
        options.put("early_stopping patience 10", new String[] {"", "  early_stopping: {patience: 10}"});
        run(data, "", "");   // warm-up: JIT and ND4J
        int rounds = Integer.parseInt(args[1]);
        for (var e : options.entrySet()) {
            if (args.length > 2 && !e.getKey().contains(args[2])) continue;   // optional: only options whose name has this
            double base = 0, with = 0;
            for (int r = 0; r < rounds; r++) {
                base += run(data, "", "");
                with += run(data, e.getValue()[0], e.getValue()[1]);
            }
            base /= rounds;
            with /= rounds;
            System.out.printf("%-40s without %7.0f  with %7.0f samples/s  ratio %.3f%n", e.getKey(), base, with, with / base);
        }
    }
}
