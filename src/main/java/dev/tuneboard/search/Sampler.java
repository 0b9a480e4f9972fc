package dev.tuneboard.search;

import java.util.Optional;

/**
 * Proposes the next point to try and learns from finished trials (Optuna's Sampler).
 * Implementations are safe to call from several runner threads.
 */
public interface Sampler {

    /** The next point, or empty when the algorithm has nothing more to offer (a finished grid). */
    Optional<Proposal> next();

    /** A finished trial's outcome; samplers that learn (genetic, TPE) use it, others ignore it. */
    void tell(Observation observation);

    /** Tells the sampler a proposal is being trained, so parallel workers don't duplicate it. */
    default void pending(Proposal proposal) {
    }
}
