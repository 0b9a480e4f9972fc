package dev.tuneboard.spec;

import dev.tuneboard.trial.Constraints;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.Tradeoffs;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YAML text → validated {@link ExperimentSpec}. Collects every problem (with line and column)
 * before failing, so a user fixes a spec in one pass. Writes nothing anywhere.
 */
public final class SpecLoader {

    public static final int MAX_UNITS = 8192;
    public static final int MAX_PARALLELISM = 64;
    public static final int MAX_LAYERS = 16;
    public static final int MAX_TRIALS = 1_000_000;
    public static final int MAX_EPOCHS = 1000;
    public static final int MAX_BATCH = 60_000;
    public static final int MAX_NAME = 100;
    public static final int MAX_SHIFT = 8;
    public static final double MAX_ROTATE = 45;
    public static final double MAX_SCALE = 0.5;
    public static final double MAX_ELASTIC_ALPHA = 100;
    public static final double MIN_ELASTIC_SIGMA = 1;
    public static final double MAX_ELASTIC_SIGMA = 8;

    private static final Set<String> TOP_KEYS = Set.of("name", "data", "model", "training", "search", "objective",
            "objectives");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)([hms])");

    public ExperimentSpec load(Path file) throws SpecException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(file.toString(), "file not found");
        } catch (IOException e) {
            throw single(file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public ExperimentSpec parse(String text, String fileLabel) throws SpecException {
        YamlNode root;
        try {
            root = YamlNode.parse(text);
        } catch (YamlNode.DuplicateKeyException e) {
            throw new SpecException(List.of(new SpecProblem(fileLabel, e.line, e.column, e.key, "duplicate key")));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String msg = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
            throw new SpecException(List.of(new SpecProblem(fileLabel, at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "", "malformed YAML: " + msg)));
        } catch (IOException e) {
            throw single(fileLabel, "malformed YAML: " + e.getMessage());
        }
        Reader reader = new Reader(fileLabel);
        ExperimentSpec spec = reader.experiment(root, text);
        if (!reader.problems.isEmpty()) throw new SpecException(reader.problems);
        return spec;
    }

    private static SpecException single(String file, String message) {
        return new SpecException(List.of(new SpecProblem(file, 0, 0, "", message)));
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) return null;
        Matcher m = DURATION_PART.matcher(t);
        long seconds = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) return null;
            long n = Long.parseLong(m.group(1));
            seconds += switch (m.group(2)) {
                case "h" -> n * 3600;
                case "m" -> n * 60;
                default -> n;
            };
            end = m.end();
        }
        if (end != t.length() || seconds <= 0) return null;
        return Duration.ofSeconds(seconds);
    }

    /** Walks the YAML tree; each getter records a problem and returns null/default on bad input. */
    private static final class Reader {
        final String file;
        final List<SpecProblem> problems = new ArrayList<>();

        Reader(String file) {
            this.file = file;
        }

        void problem(YamlNode at, String field, String message) {
            problems.add(new SpecProblem(file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), field, message));
        }

        ExperimentSpec experiment(YamlNode root, String text) {
            if (root == null || !root.isMap()) {
                problem(root, "", "expected a mapping with keys " + TOP_KEYS + ", found " + (root == null ? "nothing" : root.kind()));
                return null;
            }
            Map<String, YamlNode> top = root.asMap();
            unknownKeys(top, TOP_KEYS, "");
            String name = name(top.get("name"), root);
            DataSpec data = data(mapOrEmpty(top, "data", root));
            ModelSpec model = model(mapOrEmpty(top, "model", root));
            TrainingSpec training = training(mapOrEmpty(top, "training", root));
            Objective objective;
            Tradeoffs tradeoffs = Tradeoffs.NONE;
            if (top.get("objectives") != null && top.get("objectives").value() != null) {
                if (top.containsKey("objective")) {
                    problem(top.get("objective"), "objective", "use either objective (one, with optional limits) or "
                            + "objectives (two, a Pareto front), not both");
                }
                Objective[] two = objectives(top.get("objectives"));
                objective = two == null ? null : two[0];
                if (two != null) tradeoffs = new Tradeoffs(two[1], Constraints.NONE);
            } else {
                YamlNode objectiveNode = mapOrEmpty(top, "objective", root);
                objective = objective(objectiveNode, "objective.", true);
                tradeoffs = new Tradeoffs(null, constraints(objectiveNode));
            }
            SearchSpec search = search(mapOrEmpty(top, "search", root), model, training);
            if (!problems.isEmpty()) return null;
            return new ExperimentSpec(name, data, model, training, search, objective, text, tradeoffs);
        }

        String name(YamlNode node, YamlNode root) {
            if (node == null) {
                problem(root, "name", "missing; expected the experiment's name, e.g. name: mnist-mlp");
                return null;
            }
            if (!(node.value() instanceof String s) || s.isBlank()) {
                problem(node, "name", "expected a non-empty text, found " + node.kind());
                return null;
            }
            String trimmed = s.strip();
            if (trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(c -> c < 32 || c == '/' || c == '\\')) {
                problem(node, "name", "expected at most " + MAX_NAME + " characters without '/', '\\' or control characters");
                return null;
            }
            return trimmed;
        }

        YamlNode mapOrEmpty(Map<String, YamlNode> parent, String key, YamlNode parentNode) {
            YamlNode node = parent.get(key);
            if (node == null || node.value() == null) return new YamlNode(Map.of(), parentNode.line(), parentNode.column());
            if (!node.isMap()) {
                problem(node, key, "expected a mapping, found " + node.kind());
                return new YamlNode(Map.of(), node.line(), node.column());
            }
            return node;
        }

        void unknownKeys(Map<String, YamlNode> map, Set<String> allowed, String prefix) {
            for (var e : map.entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    problem(e.getValue(), prefix + e.getKey(), "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
                }
            }
        }

        DataSpec data(YamlNode node) {
            Map<String, YamlNode> m = node.asMap();
            unknownKeys(m, Set.of("dir", "validation", "train_limit", "test_limit", "split_seed"), "data.");
            YamlNode dirNode = m.get("dir");
            Path dir = Path.of("data/mnist");
            if (dirNode != null) {
                if (dirNode.value() instanceof String s && !s.isBlank()) dir = Path.of(s);
                else problem(dirNode, "data.dir", "expected a folder path, found " + dirNode.kind());
            }
            Integer validation = integer(m.get("validation"), "data.validation", 10_000, 1, 1_000_000);
            Integer trainLimit = integer(m.get("train_limit"), "data.train_limit", 0, 0, 10_000_000);
            Integer testLimit = integer(m.get("test_limit"), "data.test_limit", 0, 0, 10_000_000);
            Integer splitSeed = integer(m.get("split_seed"), "data.split_seed", 1234, 0, Integer.MAX_VALUE);
            if (validation == null || trainLimit == null || testLimit == null || splitSeed == null) return null;
            if (trainLimit > 0 && validation >= trainLimit) {
                problem(m.get("validation"), "data.validation", "expected fewer validation images (" + validation
                        + ") than train_limit (" + trainLimit + "): the rest trains");
                return null;
            }
            return new DataSpec(dir, validation, trainLimit, testLimit, splitSeed);
        }

        ModelSpec model(YamlNode node) {
            Map<String, YamlNode> m = node.asMap();
            unknownKeys(m, Set.of("hidden_layers", "dropout", "activation", "max_norm"), "model.");
            List<Param> units = new ArrayList<>();
            Param count = null;
            YamlNode layers = m.get("hidden_layers");
            if (layers == null) {
                units.add(new Param.Choice(List.of(128, 256, 512)));
                units.add(new Param.Choice(List.of(64, 128, 256)));
            } else if (layers.isMap()) {
                count = depth(layers, units);
            } else if (!layers.isList() || layers.asList().isEmpty()) {
                problem(layers, "model.hidden_layers", "expected a non-empty list of layers like '- units: 256', or "
                        + "{count: {int: [1, 4]}, units: {int: [256, 2048], log: true}}, found " + layers.kind());
            } else if (layers.asList().size() > MAX_LAYERS) {
                problem(layers, "model.hidden_layers", "expected at most " + MAX_LAYERS + " layers, found " + layers.asList().size());
            } else {
                List<YamlNode> list = layers.asList();
                for (int i = 0; i < list.size(); i++) {
                    String field = "model.hidden_layers[" + i + "]";
                    YamlNode layer = list.get(i);
                    if (!layer.isMap()) {
                        problem(layer, field, "expected a mapping like 'units: 256', found " + layer.kind());
                        continue;
                    }
                    unknownKeys(layer.asMap(), Set.of("units"), field + ".");
                    YamlNode u = layer.asMap().get("units");
                    if (u == null) {
                        problem(layer, field + ".units", "missing; expected a number of units or a distribution");
                        continue;
                    }
                    Param p = param(u, field + ".units", true, 1, MAX_UNITS);
                    if (p != null) units.add(p);
                }
            }
            Param dropout = m.containsKey("dropout")
                    ? param(m.get("dropout"), "model.dropout", false, 0.0, 0.95)
                    : new Param.Fixed(0.0);
            Param activation = m.containsKey("activation")
                    ? named(m.get("activation"), "model.activation", ModelSpec.ACTIVATIONS) : null;
            Param maxNorm = m.containsKey("max_norm") ? param(m.get("max_norm"), "model.max_norm", false, 0.01, 1000.0) : null;
            if (units.isEmpty() || (layers != null && layers.isMap() && count == null)) return null;
            return new ModelSpec(units, dropout, count, activation, maxNorm);
        }

        /**
         * {count: P, units: P}: the layer count as its own parameter and one units parameter per possible layer
         * (added to {@code units}), each drawn on its own; a trial builds the first {@code count} of them.
         */
        Param depth(YamlNode node, List<Param> units) {
            String field = "model.hidden_layers";
            Map<String, YamlNode> m = node.asMap();
            unknownKeys(m, Set.of("count", "units"), field + ".");
            if (!m.containsKey("count")) {
                problem(node, field + ".count", "missing; expected a number of layers in [1, " + MAX_LAYERS + "] or a distribution like {int: [1, 4]}");
            }
            if (!m.containsKey("units")) {
                problem(node, field + ".units", "missing; expected a number of units or a distribution like {int: [256, 2048], log: true}");
            }
            if (!m.containsKey("count") || !m.containsKey("units")) return null;
            Param count = param(m.get("count"), field + ".count", true, 1, MAX_LAYERS);
            Param perLayer = param(m.get("units"), field + ".units", true, 1, MAX_UNITS);
            if (count == null || perLayer == null) return null;
            if (count instanceof Param.Choice c && c.values().stream().distinct().count() != c.values().size()) {
                problem(m.get("count"), field + ".count", "expected distinct layer counts, found " + c.values());
                return null;
            }
            for (int i = 0; i < (int) count.max(); i++) units.add(perLayer);
            return count;
        }

        /** One of {@code vocabulary} as a text, or {choice: [..]} of them. */
        Param named(YamlNode node, String field, List<String> vocabulary) {
            String expected = "expected one of " + vocabulary + " or {choice: [..]} of them";
            if (node == null || node.value() == null) {
                problem(node, field, expected + ", found nothing");
                return null;
            }
            if (node.value() instanceof String s) {
                String v = s.strip().toLowerCase(Locale.ROOT);
                if (vocabulary.contains(v)) return new Param.Named(vocabulary, List.of(v));
                problem(node, field, expected + ", found " + node.kind());
                return null;
            }
            if (!node.isMap() || node.asMap().size() != 1 || !node.asMap().containsKey("choice")) {
                problem(node, field, expected + ", found " + (node.isMap() ? "keys " + node.asMap().keySet() : node.kind()));
                return null;
            }
            YamlNode body = node.asMap().get("choice");
            if (!body.isList() || body.asList().isEmpty()) {
                problem(body, field + ".choice", "expected a list of " + vocabulary + ", found " + body.kind());
                return null;
            }
            List<String> values = new ArrayList<>();
            for (YamlNode v : body.asList()) {
                String text = v.value() instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : null;
                if (text == null || !vocabulary.contains(text)) {
                    problem(v, field + ".choice", "expected one of " + vocabulary + ", found " + v.kind());
                    return null;
                }
                if (values.contains(text)) {
                    problem(v, field + ".choice", "expected each option once, found '" + text + "' twice");
                    return null;
                }
                values.add(text);
            }
            return new Param.Named(vocabulary, values);
        }

        TrainingSpec training(YamlNode node) {
            Map<String, YamlNode> m = node.asMap();
            unknownKeys(m, Set.of("learning_rate", "batch_size", "epochs", "lr_schedule", "warmup_epochs", "weight_decay",
                    "early_stopping", "augmentation"), "training.");
            Param lr = m.containsKey("learning_rate")
                    ? param(m.get("learning_rate"), "training.learning_rate", false, 1e-7, 10.0)
                    : new Param.Fixed(1e-3);
            Param batch = m.containsKey("batch_size")
                    ? param(m.get("batch_size"), "training.batch_size", true, 1, MAX_BATCH)
                    : new Param.Fixed(128);
            Param epochs = m.containsKey("epochs")
                    ? param(m.get("epochs"), "training.epochs", true, 1, MAX_EPOCHS)
                    : new Param.Fixed(10);
            Param[] schedule = m.containsKey("lr_schedule") ? schedule(m.get("lr_schedule")) : new Param[3];
            Param warmup = null;
            if (m.containsKey("warmup_epochs")) {
                warmup = param(m.get("warmup_epochs"), "training.warmup_epochs", true, 0, MAX_EPOCHS);
                if (warmup != null && epochs != null && warmup.max() >= epochs.min()) {
                    problem(m.get("warmup_epochs"), "training.warmup_epochs", "expected fewer warm-up epochs (at most "
                            + fmt(warmup.max()) + ") than epochs (at least " + fmt(epochs.min()) + ")");
                    warmup = null;
                }
            }
            Param weightDecay = m.containsKey("weight_decay")
                    ? param(m.get("weight_decay"), "training.weight_decay", false, 0.0, 1.0) : null;
            TrainingSpec.EarlyStopping early = m.containsKey("early_stopping") ? earlyStopping(m.get("early_stopping")) : null;
            AugmentationSpec augmentation = m.containsKey("augmentation") ? augmentation(m.get("augmentation")) : AugmentationSpec.NONE;
            if (lr == null || batch == null || epochs == null) return null;
            return new TrainingSpec(lr, batch, epochs, schedule[0], schedule[1], schedule[2], warmup, weightDecay, early,
                    augmentation);
        }

        /**
         * none | step | exponential | cosine, {choice: [..]} of them, or {type: .., every_epochs: .., gamma: ..}:
         * [schedule, step length, decay factor], the last two null unless given.
         */
        Param[] schedule(YamlNode node) {
            String field = "training.lr_schedule";
            Param[] out = new Param[3];
            if (node != null && node.isMap() && !node.asMap().containsKey("choice")) {
                Map<String, YamlNode> m = node.asMap();
                unknownKeys(m, Set.of("type", "every_epochs", "gamma"), field + ".");
                if (!m.containsKey("type")) {
                    problem(node, field + ".type", "missing; expected one of " + TrainingSpec.LR_SCHEDULES + " or {choice: [..]} of them");
                    return out;
                }
                out[0] = named(m.get("type"), field + ".type", TrainingSpec.LR_SCHEDULES);
                if (m.containsKey("every_epochs")) out[1] = param(m.get("every_epochs"), field + ".every_epochs", true, 1, MAX_EPOCHS);
                if (m.containsKey("gamma")) out[2] = param(m.get("gamma"), field + ".gamma", false, 0.01, 1.0);
                if (out[0] instanceof Param.Named n) {
                    if (out[1] != null && !n.values().contains("step")) {
                        problem(m.get("every_epochs"), field + ".every_epochs", "only a step schedule has every_epochs; this one is " + n.describe());
                    }
                    if (out[2] != null && !n.values().contains("step") && !n.values().contains("exponential")) {
                        problem(m.get("gamma"), field + ".gamma", "only step and exponential schedules have gamma; this one is " + n.describe());
                    }
                }
                return out;
            }
            out[0] = named(node, field, TrainingSpec.LR_SCHEDULES);
            return out;
        }

        TrainingSpec.EarlyStopping earlyStopping(YamlNode node) {
            String field = "training.early_stopping";
            if (node == null || !node.isMap()) {
                problem(node, field, "expected a mapping like {patience: 5, min_delta: 0.0001}, found " + (node == null ? "nothing" : node.kind()));
                return null;
            }
            Map<String, YamlNode> m = node.asMap();
            unknownKeys(m, Set.of("patience", "min_delta"), field + ".");
            if (!m.containsKey("patience")) {
                problem(node, field + ".patience", "missing; expected how many epochs without improvement end a trial, e.g. patience: 5");
                return null;
            }
            Integer patience = integer(m.get("patience"), field + ".patience", 1, 1, MAX_EPOCHS);
            double minDelta = 0;
            YamlNode delta = m.get("min_delta");
            if (delta != null) {
                if (delta.value() instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() >= 0 && n.doubleValue() <= 1e6) {
                    minDelta = n.doubleValue();
                } else {
                    problem(delta, field + ".min_delta", "expected a number >= 0 (the least change of the objective that counts), found " + delta.kind());
                    return null;
                }
            }
            return patience == null ? null : new TrainingSpec.EarlyStopping(patience, minDelta);
        }

        /** {@code {shift: 2, rotate: 10, scale: 0.1, elastic: {alpha: 34, sigma: 4}}}, every part optional and searchable. */
        AugmentationSpec augmentation(YamlNode node) {
            String field = "training.augmentation";
            if (node == null || node.value() == null || !node.isMap()) {
                problem(node, field, "expected a mapping like {shift: 2, rotate: 10, scale: 0.1, elastic: {alpha: 34, sigma: 4}}, found "
                        + (node == null ? "nothing" : node.kind()));
                return AugmentationSpec.NONE;
            }
            Map<String, YamlNode> m = node.asMap();
            unknownKeys(m, Set.of("shift", "rotate", "scale", "elastic"), field + ".");
            Param shift = m.containsKey("shift") ? param(m.get("shift"), field + ".shift", true, 0, MAX_SHIFT) : null;
            Param rotate = m.containsKey("rotate") ? param(m.get("rotate"), field + ".rotate", false, 0, MAX_ROTATE) : null;
            Param scale = m.containsKey("scale") ? param(m.get("scale"), field + ".scale", false, 0, MAX_SCALE) : null;
            Param alpha = null;
            Param sigma = null;
            YamlNode elastic = m.get("elastic");
            if (elastic != null) {
                if (!elastic.isMap()) {
                    problem(elastic, field + ".elastic", "expected a mapping like {alpha: 34, sigma: 4}, found " + elastic.kind());
                } else {
                    Map<String, YamlNode> e = elastic.asMap();
                    unknownKeys(e, Set.of("alpha", "sigma"), field + ".elastic.");
                    // Simard et al. 2003's values when one is left out.
                    alpha = e.containsKey("alpha") ? param(e.get("alpha"), field + ".elastic.alpha", false, 0, MAX_ELASTIC_ALPHA)
                            : new Param.Fixed(34.0);
                    sigma = e.containsKey("sigma") ? param(e.get("sigma"), field + ".elastic.sigma", false, MIN_ELASTIC_SIGMA,
                            MAX_ELASTIC_SIGMA) : new Param.Fixed(4.0);
                }
            }
            if (alpha == null || sigma == null) {
                alpha = null;
                sigma = null;
            }
            return new AugmentationSpec(shift, rotate, scale, alpha, sigma);
        }

        /** {@code first}: the objective that chooses and prunes, so a validation metric; otherwise a cost. */
        Objective objective(YamlNode node, String prefix, boolean first) {
            Map<String, YamlNode> m = node.asMap();
            unknownKeys(m, prefix.equals("objective.") ? Set.of("metric", "direction", "max_parameters", "max_latency_ms")
                    : Set.of("metric", "direction"), prefix);
            if (!first && m.get("metric") == null) {
                problem(node, prefix + "metric", "missing; expected latency_ms or parameters");
                return null;
            }
            Objective.Metric metric = enumValue(m.get("metric"), prefix + "metric", Objective.Metric.VAL_ACCURACY,
                    Objective.Metric.values(), Objective.Metric::key);
            if (metric != null && first && !metric.validation()) {
                problem(m.get("metric"), prefix + "metric", "expected val_accuracy or val_loss (the objective that chooses and "
                        + "prunes is measured every epoch); for " + metric.key() + " use a limit (objective.max_"
                        + (metric == Objective.Metric.PARAMETERS ? "parameters" : "latency_ms") + ") or a second objective (objectives: [...])");
                return null;
            }
            if (metric != null && !first && metric.validation()) {
                problem(m.get("metric"), prefix + "metric", "expected latency_ms or parameters: the second objective is a cost, "
                        + "found " + metric.key());
                return null;
            }
            Objective.Direction defaultDirection = metric == null ? Objective.Direction.MAXIMIZE : metric.naturalDirection();
            Objective.Direction direction = enumValue(m.get("direction"), prefix + "direction", defaultDirection,
                    Objective.Direction.values(), Objective.Direction::key);
            if (metric != null && direction != null && direction != defaultDirection) {
                problem(m.get("direction"), prefix + "direction", "expected " + defaultDirection.name().toLowerCase(Locale.ROOT)
                        + " for " + metric.key() + ": the other way would pick the worst model");
            }
            return metric == null || direction == null ? null : new Objective(metric, direction);
        }

        /** {@code objectives: [validation metric, cost]}: exactly two, the first chooses, the pair makes a Pareto front. */
        Objective[] objectives(YamlNode node) {
            String expected = "expected a list of two objectives, e.g. [{metric: val_accuracy, direction: maximize}, "
                    + "{metric: latency_ms, direction: minimize}]";
            if (!node.isList() || node.asList().size() != 2) {
                problem(node, "objectives", expected + ", found " + (node.isList() ? node.asList().size() + " items" : node.kind()));
                return null;
            }
            Objective[] out = new Objective[2];
            for (int i = 0; i < 2; i++) {
                YamlNode item = node.asList().get(i);
                String field = "objectives[" + i + "]";
                if (!item.isMap()) {
                    problem(item, field, "expected a mapping like {metric: " + (i == 0 ? "val_accuracy" : "latency_ms")
                            + "}, found " + item.kind());
                    return null;
                }
                out[i] = objective(item, field + ".", i == 0);
            }
            return out[0] == null || out[1] == null ? null : out;
        }

        Constraints constraints(YamlNode objectiveNode) {
            Map<String, YamlNode> m = objectiveNode.asMap();
            Long maxParameters = null;
            Double maxLatency = null;
            YamlNode p = m.get("max_parameters");
            if (p != null && p.value() != null) {
                if (p.value() instanceof Number n && !(n instanceof Double) && n.longValue() >= 1) maxParameters = n.longValue();
                else problem(p, "objective.max_parameters", "expected a whole number of weights and biases >= 1, found " + p.kind());
            }
            YamlNode l = m.get("max_latency_ms");
            if (l != null && l.value() != null) {
                if (l.value() instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) maxLatency = n.doubleValue();
                else problem(l, "objective.max_latency_ms", "expected a positive number of milliseconds (median CPU time of "
                        + "one image, batch 1), found " + l.kind());
            }
            return new Constraints(maxParameters, maxLatency);
        }

        SearchSpec search(YamlNode node, ModelSpec model, TrainingSpec training) {
            Map<String, YamlNode> m = node.asMap();
            unknownKeys(m, Set.of("algorithm", "trials", "parallelism", "seed", "time_limit", "grid_points", "pruner", "retries",
                    "startup_trials"), "search.");
            SearchSpec.Algorithm algorithm = enumValue(m.get("algorithm"), "search.algorithm", SearchSpec.Algorithm.RANDOM,
                    SearchSpec.Algorithm.values(), a -> a.name().toLowerCase(Locale.ROOT));
            Integer trials = integer(m.get("trials"), "search.trials", 20, 1, MAX_TRIALS);
            int cores = Runtime.getRuntime().availableProcessors();
            Integer parallelism = integer(m.get("parallelism"), "search.parallelism", Math.min(cores, MAX_PARALLELISM), 1, MAX_PARALLELISM);
            Integer seed = integer(m.get("seed"), "search.seed", 42, 0, Integer.MAX_VALUE);
            Integer gridPoints = integer(m.get("grid_points"), "search.grid_points", 3, 1, 100);
            Integer retries = integer(m.get("retries"), "search.retries", 0, 0, 10);
            Integer startup = integer(m.get("startup_trials"), "search.startup_trials", SearchSpec.DEFAULT_STARTUP_TRIALS, 1, MAX_TRIALS);
            YamlNode startupNode = m.get("startup_trials");
            if (startupNode != null && startupNode.value() != null && algorithm != null && algorithm != SearchSpec.Algorithm.TPE) {
                problem(startupNode, "search.startup_trials", "only TPE has start-up trials (random points before it models the "
                        + "results); expected algorithm: tpe, found " + algorithm.name().toLowerCase(Locale.ROOT));
            }
            Duration timeLimit = null;
            YamlNode tl = m.get("time_limit");
            if (tl != null && tl.value() != null) {
                timeLimit = tl.value() instanceof String s ? parseDuration(s) : null;
                if (timeLimit == null) problem(tl, "search.time_limit", "expected a duration like 45m, 2h or 1h30m, found " + tl.kind());
            }
            PrunerSpec pruner = pruner(m.get("pruner"), training);
            if (algorithm == null || trials == null || parallelism == null || seed == null || gridPoints == null || retries == null
                    || startup == null) {
                return null;
            }
            return new SearchSpec(algorithm, trials, parallelism, seed, timeLimit, gridPoints, pruner, retries, startup);
        }

        PrunerSpec pruner(YamlNode node, TrainingSpec training) {
            if (node == null || node.value() == null) return PrunerSpec.none();
            String field = "search.pruner";
            // Hyperband's brackets reach up to the longest a trial can train, unless max_epochs says otherwise.
            int longest = training == null || training.epochs() == null ? MAX_EPOCHS : (int) training.epochs().max();
            if (node.value() instanceof String) {
                PrunerSpec.Kind kind = enumValue(node, field, PrunerSpec.Kind.NONE, PrunerSpec.Kind.values(),
                        k -> k.name().toLowerCase(Locale.ROOT));
                if (kind != PrunerSpec.Kind.HYPERBAND) return kind == null ? null : new PrunerSpec(kind, 1, 5, 1, 3);
                return hyperband(node, node, null, 1, 3, longest, longest);
            }
            if (!node.isMap()) {
                problem(node, field, "expected median, asha, hyperband, none, or a mapping {type: asha, ...}, found "
                        + node.kind());
                return null;
            }
            Map<String, YamlNode> m = node.asMap();
            unknownKeys(m, Set.of("type", "warmup_epochs", "min_trials", "min_epochs", "reduction_factor", "max_epochs"),
                    field + ".");
            PrunerSpec.Kind kind = enumValue(m.get("type"), field + ".type", PrunerSpec.Kind.NONE, PrunerSpec.Kind.values(),
                    k -> k.name().toLowerCase(Locale.ROOT));
            Integer warmup = integer(m.get("warmup_epochs"), field + ".warmup_epochs", 1, 0, MAX_EPOCHS);
            Integer minTrials = integer(m.get("min_trials"), field + ".min_trials", 5, 1, 10_000);
            Integer minEpochs = integer(m.get("min_epochs"), field + ".min_epochs", 1, 1, MAX_EPOCHS);
            Integer eta = integer(m.get("reduction_factor"), field + ".reduction_factor", 3, 2, 100);
            Integer maxEpochs = integer(m.get("max_epochs"), field + ".max_epochs", longest, 1, MAX_EPOCHS);
            if (kind != null && kind != PrunerSpec.Kind.HYPERBAND && m.get("max_epochs") != null) {
                problem(m.get("max_epochs"), field + ".max_epochs", "only type hyperband takes max_epochs; "
                        + kind.name().toLowerCase(Locale.ROOT) + " has no brackets");
                return null;
            }
            if (kind == null || warmup == null || minTrials == null || minEpochs == null || eta == null || maxEpochs == null) {
                return null;
            }
            if (kind == PrunerSpec.Kind.HYPERBAND) {
                return hyperband(node, m.get("min_epochs"), m.get("max_epochs"), minEpochs, eta, maxEpochs, longest);
            }
            return new PrunerSpec(kind, warmup, minTrials, minEpochs, eta);
        }

        /** Hyperband needs room between its first rung and the last epoch, and no bracket past what trials train. */
        PrunerSpec hyperband(YamlNode node, YamlNode minNode, YamlNode maxNode, int minEpochs, int eta, int maxEpochs,
                             int longest) {
            String field = "search.pruner";
            if (maxEpochs > longest) {
                problem(maxNode != null ? maxNode : node, field + ".max_epochs", "expected at most " + longest
                        + " (training.epochs is at most " + longest + ", so no trial reaches a later rung), found " + maxEpochs);
                return null;
            }
            if (minEpochs >= maxEpochs) {
                problem(minNode != null ? minNode : node, field + ".min_epochs", "expected fewer than max_epochs ("
                        + maxEpochs + "): hyperband's first rung must come before the last epoch to prune anything, found "
                        + minEpochs);
                return null;
            }
            return new PrunerSpec(PrunerSpec.Kind.HYPERBAND, 1, 5, minEpochs, eta, maxEpochs);
        }

        <E> E enumValue(YamlNode node, String field, E fallback, E[] values, Function<E, String> key) {
            if (node == null || node.value() == null) return fallback;
            List<String> keys = java.util.Arrays.stream(values).map(key).toList();
            if (node.value() instanceof String s) {
                for (E e : values) if (key.apply(e).equalsIgnoreCase(s.strip())) return e;
            }
            problem(node, field, "expected one of " + keys + ", found " + node.kind());
            return null;
        }

        Integer integer(YamlNode node, String field, int fallback, int min, int max) {
            if (node == null || node.value() == null) return fallback;
            if (!(node.value() instanceof Number n) || n instanceof Double) {
                problem(node, field, "expected a whole number in [" + min + ", " + max + "], found " + node.kind());
                return null;
            }
            long v = n.longValue();
            if (v < min || v > max) {
                problem(node, field, "expected a whole number in [" + min + ", " + max + "], found " + v);
                return null;
            }
            return (int) v;
        }

        /**
         * A fixed value or one of: {choice: [..]}, {int: [lo, hi], log?, step?}, {uniform: [lo, hi]},
         * {loguniform: [lo, hi]}. Every value must lie within [min, max].
         */
        Param param(YamlNode node, String field, boolean integral, double min, double max) {
            String range = "[" + fmt(min) + ", " + fmt(max) + "]";
            String expected = "expected a " + (integral ? "whole number" : "number") + " in " + range
                    + " or a distribution ({choice: [..]}, {int: [lo, hi]}, {uniform: [lo, hi]}, {loguniform: [lo, hi]})";
            if (node == null || node.value() == null) {
                problem(node, field, expected + ", found nothing");
                return null;
            }
            if (node.value() instanceof Number n) {
                if (!checkNumber(node, field, n, integral, min, max)) return null;
                return new Param.Fixed(integral ? (Number) n.intValue() : (Number) n.doubleValue());
            }
            if (!node.isMap()) {
                problem(node, field, expected + ", found " + node.kind());
                return null;
            }
            Map<String, YamlNode> m = node.asMap();
            List<String> kinds = m.keySet().stream().filter(k -> Set.of("choice", "int", "uniform", "loguniform").contains(k)).toList();
            if (kinds.size() != 1) {
                problem(node, field, expected + "; found keys " + m.keySet());
                return null;
            }
            String kind = kinds.get(0);
            Set<String> allowed = kind.equals("int") ? Set.of("int", "log", "step") : Set.of(kind);
            int before = problems.size();
            unknownKeys(m, allowed, field + ".");
            YamlNode body = m.get(kind);
            if (!body.isList() || body.asList().isEmpty()) {
                problem(body, field + "." + kind, "expected a list of numbers, found " + body.kind());
                return null;
            }
            List<Number> numbers = new ArrayList<>();
            for (YamlNode v : body.asList()) {
                if (!(v.value() instanceof Number n)) {
                    problem(v, field + "." + kind, "expected numbers, found " + v.kind());
                    return null;
                }
                boolean wantInt = integral || kind.equals("int");
                if (!checkNumber(v, field + "." + kind, n, wantInt, min, max)) return null;
                numbers.add(wantInt ? (Number) n.intValue() : (Number) n.doubleValue());
            }
            if (problems.size() > before) return null;
            if (!kind.equals("choice") && numbers.size() != 2) {
                problem(body, field + "." + kind, "expected exactly two numbers [low, high], found " + numbers.size());
                return null;
            }
            if (integral && (kind.equals("uniform") || kind.equals("loguniform"))) {
                problem(node, field, "expected whole numbers: use {int: [lo, hi]} (with log: true for a log scale) or {choice: [..]}");
                return null;
            }
            try {
                return switch (kind) {
                    case "choice" -> new Param.Choice(numbers);
                    case "uniform" -> new Param.Uniform(numbers.get(0).doubleValue(), numbers.get(1).doubleValue());
                    case "loguniform" -> new Param.LogUniform(numbers.get(0).doubleValue(), numbers.get(1).doubleValue());
                    default -> intRange(m, field, numbers);
                };
            } catch (IllegalArgumentException e) {
                problem(body, field + "." + kind, e.getMessage());
                return null;
            }
        }

        private Param intRange(Map<String, YamlNode> m, String field, List<Number> numbers) {
            boolean log = false;
            YamlNode logNode = m.get("log");
            if (logNode != null) {
                if (logNode.value() instanceof Boolean b) log = b;
                else problem(logNode, field + ".log", "expected true or false, found " + logNode.kind());
            }
            Integer step = integer(m.get("step"), field + ".step", 1, 1, 1_000_000);
            return new Param.IntRange(numbers.get(0).intValue(), numbers.get(1).intValue(), log, step == null ? 1 : step);
        }

        private boolean checkNumber(YamlNode node, String field, Number n, boolean integral, double min, double max) {
            double v = n.doubleValue();
            if (integral && (n instanceof Double)) {
                problem(node, field, "expected a whole number, found " + n);
                return false;
            }
            if (!Double.isFinite(v) || v < min || v > max) {
                problem(node, field, "expected a value in [" + fmt(min) + ", " + fmt(max) + "], found " + n);
                return false;
            }
            return true;
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e9 ? String.valueOf((long) d) : String.valueOf(d);
        }
    }
}
