package dev.tuneboard.bench;

import dev.tuneboard.model.MlpArchitecture;

import java.util.List;

/**
 * The net every measurement trains: 784-512-256-10 ReLU MLP, softmax + cross-entropy, Adam, batch 128.
 * Training costs about three times the forward multiply-adds: forward, gradient to the input, gradient
 * to the weights, two FLOPs each.
 */
public final class ReferenceNet {
    public static final int[] LAYERS = {784, 512, 256, 10};
    public static final int BATCH = 128;
    public static final double LEARNING_RATE = 1e-3;

    private ReferenceNet() {
    }

    public static final MlpArchitecture ARCHITECTURE = new MlpArchitecture(LAYERS[0], List.of(LAYERS[1], LAYERS[2]), LAYERS[3]);

    public static double forwardFlopsPerSample() {
        return ARCHITECTURE.forwardFlopsPerSample();
    }

    public static double trainFlopsPerSample() {
        return ARCHITECTURE.trainFlopsPerSample();
    }

    /** The spec of a search over the reference net; the learning rate varies only when {@code trials > 1}. */
    public static String spec(String name, PartOptions o) {
        String lr = o.trials() > 1 ? "{loguniform: [3.0e-4, 3.0e-3]}" : String.valueOf(LEARNING_RATE);
        return """
                name: %s
                data: {dir: %s, validation: %d, train_limit: %d, test_limit: %d}
                model:
                  hidden_layers:
                    - units: %d
                    - units: %d
                  dropout: 0
                training:
                  learning_rate: %s
                  batch_size: %d
                  epochs: %d
                search: {algorithm: random, trials: %d, parallelism: %d, seed: 42}
                objective: {metric: val_accuracy, direction: maximize}
                """.formatted(name, o.dataDir().toString().replace('\\', '/'), o.validation(), o.trainLimit(),
                o.testLimit(), LAYERS[1], LAYERS[2], lr, BATCH, Math.max(1, o.epochs()), o.trials(), o.parallelism());
    }
}
