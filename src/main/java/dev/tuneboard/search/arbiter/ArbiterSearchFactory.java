package dev.tuneboard.search.arbiter;

import dev.tuneboard.search.Observation;
import dev.tuneboard.search.Sampler;
import dev.tuneboard.search.SearchFactory;
import dev.tuneboard.search.SearchSpace;
import dev.tuneboard.spec.ExperimentSpec;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;

import java.util.List;

/** The only way into Arbiter from the rest of Tuneboard. */
public final class ArbiterSearchFactory implements SearchFactory {
    private final int inputs;
    private final int classes;

    public ArbiterSearchFactory(int inputs, int classes) {
        this.inputs = inputs;
        this.classes = classes;
    }

    @Override
    public ArbiterSpace space(ExperimentSpec spec) {
        return new ArbiterSpace(spec, inputs, classes);
    }

    @Override
    public Sampler sampler(ExperimentSpec spec, SearchSpace searchSpace, List<Observation> history, int alreadyProposed) {
        ArbiterSpace space = (ArbiterSpace) searchSpace;
        long seed = spec.search().seed();
        CandidateGenerator generator = switch (spec.search().algorithm()) {
            case RANDOM -> new RandomSearchGenerator(space.arbiterSpace(), null, true);
            case GRID -> new GridSearchCandidateGenerator(space.arbiterSpace(), spec.search().gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null, true);
            case GENETIC -> new GeneticCandidateGenerator(space, spec.objective(),
                    GeneticCandidateGenerator.populationFor(spec.search().trials()), seed);
            case TPE -> new TpeCandidateGenerator(space, spec.objective(), seed, spec.search().startupTrials());
        };
        // Every trial number its own stream: the sampler is rebuilt for each claim, and a resumed run continues
        // the sequence instead of proposing the same first points again.
        generator.setRngSeed(seed + 1_000_003L * alreadyProposed);
        ArbiterSampler sampler = new ArbiterSampler(generator, space);
        if (spec.search().algorithm() == dev.tuneboard.spec.SearchSpec.Algorithm.GRID) {
            for (int i = 0; i < alreadyProposed && generator.hasMoreCandidates(); i++) generator.getCandidate();
        }
        history.forEach(sampler::tell);
        return sampler;
    }
}
