package dev.tuneboard.search.arbiter;

import dev.tuneboard.search.Observation;
import dev.tuneboard.search.Proposal;
import dev.tuneboard.search.Sampler;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;

import java.util.Optional;

/** Our {@link Sampler} over any Arbiter {@link CandidateGenerator}; one lock serialises both calls. */
final class ArbiterSampler implements Sampler {
    private final CandidateGenerator generator;
    private final ArbiterSpace space;
    private int reported;

    ArbiterSampler(CandidateGenerator generator, ArbiterSpace space) {
        this.generator = generator;
        this.space = space;
    }

    @Override
    public synchronized Optional<Proposal> next() {
        if (!generator.hasMoreCandidates()) return Optional.empty();
        Candidate<?> candidate = generator.getCandidate();
        double[] point = candidate.getFlatParameters();
        if (point == null) return Optional.empty();   // the genetic generator gave up
        for (int i = 0; i < point.length; i++) point[i] = Math.min(1.0, Math.max(0.0, point[i]));
        return Optional.of(new Proposal(point, space.decode(point)));
    }

    @Override
    public synchronized void tell(Observation observation) {
        if (generator instanceof Learner learner) {
            learner.observe(observation);
            return;
        }
        if (!observation.hasValue()) return;
        Candidate<Object> candidate = new Candidate<>((Object) null, reported, observation.point());
        generator.reportResults(new OptimizationResult(candidate, observation.objective(), reported++, null, null, null));
    }

    @Override
    public synchronized void pending(Proposal proposal) {
        if (generator instanceof PendingAware aware) aware.pending(proposal.point());
    }

    /** Generators of ours that read the whole observation (pruned or not, at which epoch), not only a score. */
    interface Learner {
        void observe(Observation observation);
    }

    /** Generators of ours that want to know which points are still training (TPE, genetic). */
    interface PendingAware {
        void pending(double[] point);
    }
}
