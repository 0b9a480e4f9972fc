package dev.tuneboard.spec;

public record TrainingSpec(Param learningRate, Param batchSize, Param epochs, AugmentationSpec augmentation) {
}
