package dev.tuneboard.search;

import dev.tuneboard.spec.ExperimentSpec;

import java.util.List;

/** Builds the space and sampler for a spec; a resumed run passes what earlier trials observed. */
public interface SearchFactory {

    SearchSpace space(ExperimentSpec spec);

    Sampler sampler(ExperimentSpec spec, SearchSpace space, List<Observation> history, int alreadyProposed);
}
