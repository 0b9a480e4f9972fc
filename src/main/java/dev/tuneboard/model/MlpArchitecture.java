package dev.tuneboard.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The network every trial trains: {@code inputs} → dense layers with {@code activation} (one of {@link #ACTIVATIONS})
 * → {@code classes}-way softmax, cross-entropy, Adam. Its size and cost, and the one sentence that describes it
 * (model card, dashboard), live here and nowhere else.
 */
public record MlpArchitecture(int inputs, List<Integer> hidden, int classes, String activation) {
    /** MNIST: 28×28 pixels in, ten digits out. */
    public static final int MNIST_INPUTS = 784;
    public static final int MNIST_CLASSES = 10;
    /** Hidden activations by the names trial params index (param {@code activation}: the index in this list). */
    public static final List<String> ACTIVATIONS = List.of("relu", "leaky_relu", "elu", "gelu");
    private static final List<String> ACTIVATION_LABELS = List.of("ReLU", "leaky ReLU (alpha 0.01)", "ELU", "GELU");

    public MlpArchitecture {
        if (inputs < 1 || classes < 2) throw new IllegalArgumentException("an MLP needs inputs and at least two classes");
        hidden = List.copyOf(hidden);
        if (hidden.stream().anyMatch(u -> u < 1)) throw new IllegalArgumentException("hidden layers need units: " + hidden);
        if (!ACTIVATIONS.contains(activation)) throw new IllegalArgumentException("expected an activation in " + ACTIVATIONS + ", found " + activation);
    }

    public MlpArchitecture(int inputs, List<Integer> hidden, int classes) {
        this(inputs, hidden, classes, "relu");
    }

    /** The MNIST network with these hidden layers. */
    public MlpArchitecture(List<Integer> hidden) {
        this(MNIST_INPUTS, hidden, MNIST_CLASSES);
    }

    /** The MNIST network a trial's params describe: its hidden layers and activation (relu when not a param). */
    public MlpArchitecture(Map<String, ? extends Number> params) {
        this(MNIST_INPUTS, hiddenUnits(params), MNIST_CLASSES,
                params.get("activation") == null ? "relu" : ACTIVATIONS.get(params.get("activation").intValue()));
    }

    /**
     * The hidden layer sizes a trial's params name ({@code layer1_units}, {@code layer2_units}, …), in layer order;
     * with a {@code layers} param only that many (the other layers' units were drawn but not built).
     */
    public static List<Integer> hiddenUnits(Map<String, ? extends Number> params) {
        Map<Integer, Integer> byLayer = new TreeMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("layer") && name.endsWith("_units")) {
                byLayer.put(Integer.parseInt(name.substring(5, name.length() - 6)), value.intValue());
            }
        });
        List<Integer> units = new ArrayList<>(byLayer.values());
        Number layers = params.get("layers");
        return layers == null ? units : new ArrayList<>(units.subList(0, Math.min(layers.intValue(), units.size())));
    }

    /** Layer widths from input to output. */
    public List<Integer> widths() {
        List<Integer> widths = new ArrayList<>();
        widths.add(inputs);
        widths.addAll(hidden);
        widths.add(classes);
        return widths;
    }

    /** Weights and biases. */
    public long parameterCount() {
        List<Integer> w = widths();
        long n = 0;
        for (int i = 0; i + 1 < w.size(); i++) n += (long) w.get(i) * w.get(i + 1) + w.get(i + 1);
        return n;
    }

    /** Multiply-adds of the dense layers, two FLOPs each (activations, a few FLOPs per unit, are left out). */
    public double forwardFlopsPerSample() {
        List<Integer> w = widths();
        double macs = 0;
        for (int i = 0; i + 1 < w.size(); i++) macs += (double) w.get(i) * w.get(i + 1);
        return 2 * macs;
    }

    /** Forward, gradient to the input, gradient to the weights: three times the forward pass. */
    public double trainFlopsPerSample() {
        return 3 * forwardFlopsPerSample();
    }

    public String describe() {
        return inputs + " inputs → " + ACTIVATION_LABELS.get(ACTIVATIONS.indexOf(activation)) + " dense layers " + hidden + " → " + classes
                + "-way softmax; cross-entropy; Adam (beta1 0.9, beta2 0.999, eps 1e-8)";
    }
}
