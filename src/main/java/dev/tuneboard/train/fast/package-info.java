/**
 * Faster stand-ins for two DL4J 1.0.0-M2.1 parts, used only while a network trains: {@link
 * dev.tuneboard.train.fast.HeapAdam} (Adam's step as a Java loop instead of libnd4j's slow native op) and
 * {@link dev.tuneboard.train.fast.OnePassDenseLayer} (backprop reuses the forward pre-activation instead of
 * recomputing it). They compute the same numbers as DL4J's own (tested bit for bit on real MNIST);
 * {@link dev.tuneboard.train.fast.FastPaths} swaps them in and back out before a model is saved.
 */
package dev.tuneboard.train.fast;
