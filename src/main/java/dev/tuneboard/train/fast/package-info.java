/**
 * Faster stand-ins for three DL4J 1.0.0-M2.1 parts, used only while a network trains: {@link
 * dev.tuneboard.train.fast.HeapAdam} (Adam's step as a Java loop instead of libnd4j's slow native op), {@link
 * dev.tuneboard.train.fast.OnePassDenseLayer} (backprop reuses the forward pre-activation instead of recomputing
 * it) and {@link dev.tuneboard.train.fast.HeapMaxNormConstraint} (max-norm as one in-cache sweep per column). They
 * compute the same numbers as DL4J's own (tested on real MNIST: Adam and the layer bit for bit, max-norm to float
 * rounding); {@link dev.tuneboard.train.fast.FastPaths} swaps them in and back out before a model is saved.
 */
package dev.tuneboard.train.fast;
