package dev.tuneboard.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning rate of each epoch as a factor of the base rate: {@code warmup} epochs rising linearly
 * ((e+1)/(warmup+1)), then none (constant), step (×gamma every {@code everyEpochs}), exponential (×gamma per
 * epoch) or cosine (half a cosine from 1 towards 0 over the remaining epochs). Per epoch, not per batch, so the
 * whole curve is a DL4J {@code MapSchedule} and a saved model names only DL4J classes.
 */
public record LearningRateSchedule(String kind, int epochs, int warmup, int everyEpochs, double gamma) {
    public static final List<String> KINDS = List.of("none", "step", "exponential", "cosine");
    public static final int DEFAULT_EVERY_EPOCHS = 5;
    public static final double DEFAULT_STEP_GAMMA = 0.5;
    public static final double DEFAULT_EXPONENTIAL_GAMMA = 0.9;

    public LearningRateSchedule {
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("expected a schedule in " + KINDS + ", found " + kind);
        if (epochs < 1 || warmup < 0 || everyEpochs < 1) {
            throw new IllegalArgumentException("epochs >= 1, warmup >= 0, every >= 1: " + epochs + ", " + warmup + ", " + everyEpochs);
        }
        if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
    }

    /** The factor for 0-based {@code epoch}. */
    public double factor(int epoch) {
        if (epoch < warmup) return (epoch + 1.0) / (warmup + 1.0);
        int k = epoch - warmup;
        int span = Math.max(1, epochs - warmup);
        return switch (kind) {
            case "step" -> Math.pow(gamma, k / everyEpochs);
            case "exponential" -> Math.pow(gamma, k);
            case "cosine" -> 0.5 * (1 + Math.cos(Math.PI * k / span));
            default -> 1.0;
        };
    }

    /** Learning rate by 0-based epoch, every epoch of the trial. */
    public Map<Integer, Double> perEpoch(double learningRate) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int e = 0; e < epochs; e++) out.put(e, learningRate * factor(e));
        return out;
    }

    public String describe() {
        String base = switch (kind) {
            case "step" -> "step ×" + gamma + " every " + everyEpochs + " epochs";
            case "exponential" -> "exponential ×" + gamma + " per epoch";
            case "cosine" -> "cosine over " + (epochs - warmup) + " epochs";
            default -> "constant";
        };
        return warmup > 0 ? warmup + " warm-up epochs, then " + base : base;
    }
}
