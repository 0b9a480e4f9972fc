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
    public static final String LAYERS = "layers";
    public static final String ACTIVATION = "activation";
    public static final String MAX_NORM = "max_norm";
    public static final String LR_SCHEDULE = "lr_schedule";
    public static final String LR_STEP_EPOCHS = "lr_step_epochs";
    public static final String LR_GAMMA = "lr_gamma";
    public static final String WARMUP_EPOCHS = "warmup_epochs";
    public static final String WEIGHT_DECAY = "weight_decay";

    /** Categorical params by name: a trial stores the index of its option in the list. */
    public static final Map<String, java.util.List<String>> NAMED_OPTIONS =
            Map.of(ACTIVATION, ModelSpec.ACTIVATIONS, LR_SCHEDULE, TrainingSpec.LR_SCHEDULES);

    /** A trial's param as people read it: a categorical one by its option's name, null when it is a plain number. */
    public static String optionName(String param, Number value) {
        java.util.List<String> options = NAMED_OPTIONS.get(param);
        if (options == null || value == null || value.intValue() < 0 || value.intValue() >= options.size()) return null;
        return options.get(value.intValue());
    }

    public static String unitsName(int layerIndex) {
        return "layer" + (layerIndex + 1) + "_units";
    }

    /** The same experiment trained with another number of parallel trials (a worker's own setting). */
    public ExperimentSpec withParallelism(int parallelism) {
        SearchSpec s = search;
        return new ExperimentSpec(name, data, model, training, new SearchSpec(s.algorithm(), s.trials(), parallelism, s.seed(),
                s.timeLimit(), s.gridPoints(), s.pruner(), s.retries(), s.startupTrials()), objective, sourceText, tradeoffs);
    }

    /** Every hyperparameter by its stable name, in display order; optional keys only when the spec sets them. */
    public Map<String, Param> parameters() {
        Map<String, Param> params = new LinkedHashMap<>();
        putIfSet(params, LAYERS, model.layers());
        for (int i = 0; i < model.hiddenUnits().size(); i++) params.put(unitsName(i), model.hiddenUnits().get(i));
        putIfSet(params, ACTIVATION, model.activation());
        params.put(DROPOUT, model.dropout());
        putIfSet(params, MAX_NORM, model.maxNorm());
        params.put(LEARNING_RATE, training.learningRate());
        putIfSet(params, LR_SCHEDULE, training.lrSchedule());
        putIfSet(params, LR_STEP_EPOCHS, training.lrStepEpochs());
        putIfSet(params, LR_GAMMA, training.lrGamma());
        putIfSet(params, WARMUP_EPOCHS, training.warmupEpochs());
        putIfSet(params, WEIGHT_DECAY, training.weightDecay());
        params.put(BATCH_SIZE, training.batchSize());
        params.put(EPOCHS, training.epochs());
        params.putAll(training.augmentation().parameters());
        return params;
    }

    private static void putIfSet(Map<String, Param> params, String name, Param param) {
        if (param != null) params.put(name, param);
    }

    /** The named options of each categorical parameter: a trial's value for it is an index into this list. */
    public Map<String, java.util.List<String>> categories() {
        Map<String, java.util.List<String>> out = new LinkedHashMap<>();
        parameters().forEach((name, p) -> {
            if (p instanceof Param.Named n) out.put(name, n.vocabulary());
        });
        return out;
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
