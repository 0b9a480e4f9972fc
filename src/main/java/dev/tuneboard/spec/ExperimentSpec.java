package dev.tuneboard.spec;

import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.Tradeoffs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated experiment: everything `tuneboard run` needs, plus the YAML it came from.
 * Only {@link SpecLoader} makes these from user input, so holders may trust every field.
 */
public record ExperimentSpec(
        String name,
        DataSpec data,
        ModelSpec model,
        TrainingSpec training,
        SearchSpec search,
        Objective objective,
        String sourceText,
        Tradeoffs tradeoffs) {

    public ExperimentSpec {
        if (tradeoffs == null) tradeoffs = Tradeoffs.NONE;
    }

    /** A spec with no second objective and no limits. */
    public ExperimentSpec(String name, DataSpec data, ModelSpec model, TrainingSpec training, SearchSpec search,
                          Objective objective, String sourceText) {
        this(name, data, model, training, search, objective, sourceText, Tradeoffs.NONE);
    }

    public static final String DROPOUT = "dropout";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String BATCH_SIZE = "batch_size";
    public static final String EPOCHS = "epochs";

    public static String unitsName(int layerIndex) {
        return "layer" + (layerIndex + 1) + "_units";
    }

    /** The same experiment trained with another number of parallel trials (a worker's own setting). */
    public ExperimentSpec withParallelism(int parallelism) {
        SearchSpec s = search;
        return new ExperimentSpec(name, data, model, training, new SearchSpec(s.algorithm(), s.trials(), parallelism, s.seed(),
                s.timeLimit(), s.gridPoints(), s.pruner(), s.retries()), objective, sourceText, tradeoffs);
    }

    /** Every hyperparameter by its stable name, in display order. */
    public Map<String, Param> parameters() {
        Map<String, Param> params = new LinkedHashMap<>();
        for (int i = 0; i < model.hiddenUnits().size(); i++) params.put(unitsName(i), model.hiddenUnits().get(i));
        params.put(DROPOUT, model.dropout());
        params.put(LEARNING_RATE, training.learningRate());
        params.put(BATCH_SIZE, training.batchSize());
        params.put(EPOCHS, training.epochs());
        params.putAll(training.augmentation().parameters());
        return params;
    }

    /** How many points a full grid over this space has. */
    public long gridSize() {
        long size = 1;
        for (Param p : parameters().values()) size = Math.multiplyExact(size, p.gridSize(search.gridPoints()));
        return size;
    }

    public String specHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sourceText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
