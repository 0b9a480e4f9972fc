package dev.tuneboard.search.arbiter;

import dev.tuneboard.search.Observation;
import dev.tuneboard.search.ObservationOrder;
import dev.tuneboard.trial.Objective;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A steady-state genetic algorithm in Arbiter's unit hypercube, breeding from what the store holds.
 * Generation 0 is random points until {@code population} trials have a value; after that every proposal is a
 * child of two parents, each the better of two trials drawn from the best {@code population} so far
 * ({@link ObservationOrder}: completed first, pruned by the rung they reached): uniform crossover of the
 * parents' coordinates, then exactly one coordinate mutated (a Gaussian step of {@value #MUTATION_SIGMA}
 * reflected into [0, 1], or another category). So every later trial descends from good earlier ones.
 *
 * <p>Arbiter's own genetic generator keeps its population and its random stream in memory; the runner rebuilds
 * the generator from the store at every claim, so that one started over each time and bred the same child.
 * Here all randomness comes from the seed given per trial number ({@link #setRngSeed}) and the population
 * from the observations; a child that decodes to the hyperparameters of a trial already tried or still training
 * is drawn again.
 */
final class GeneticCandidateGenerator implements CandidateGenerator, ArbiterSampler.PendingAware, ArbiterSampler.Learner {
    static final double MUTATION_SIGMA = 0.15;
    /** Draws before accepting a repeated point (only a tiny discrete space runs out of new ones). */
    private static final int DRAWS = 100;

    private final ArbiterSpace space;
    private final ObservationOrder order;
    private final int population;
    /** Categories per dimension; 0 marks a continuous dimension. */
    private final int[] categories;
    private final List<Observation> observed = new ArrayList<>();
    private final PendingPoints pending = new PendingPoints();
    /** What every tried or training point decodes to: a mutation too small to change an integer is no new trial. */
    private final Set<Map<String, Number>> tried = new HashSet<>();
    private Random random;
    private int counter;

    GeneticCandidateGenerator(ArbiterSpace space, Objective objective, int population, long seed) {
        if (population < 2) throw new IllegalArgumentException("population must be >= 2, got " + population);
        this.space = space;
        this.order = new ObservationOrder(objective);
        this.population = population;
        List<ParameterSpace> leaves = space.searchedLeaves();
        categories = new int[leaves.size()];
        for (int d = 0; d < categories.length; d++) {
            if (leaves.get(d) instanceof DiscreteParameterSpace<?> discrete) categories[d] = discrete.numValues();
        }
        setRngSeed(seed);
    }

    /** The population for a budget: a quarter of the trials, at least 4 and at most 20, so short runs still breed. */
    static int populationFor(int trials) {
        return Math.max(4, Math.min(20, trials / 4));
    }

    @Override
    public boolean hasMoreCandidates() {
        return true;
    }

    @Override
    public synchronized Candidate getCandidate() {
        double[] point = null;
        for (int i = 0; i < DRAWS && (point == null || seen(point)); i++) {
            point = observed.stream().filter(Observation::hasValue).count() < population ? randomPoint() : child();
        }
        TrialConfig value = null;
        Exception failure = null;
        try {
            value = space.arbiterSpace().getValue(point);
        } catch (Exception e) {
            failure = e;   // as Arbiter's own generators do: the failure travels on the candidate
        }
        return new Candidate<>(value, counter++, point, null, failure);
    }

    @Override
    public synchronized void reportResults(OptimizationResult result) {
        double[] point = result.getCandidate().getFlatParameters();
        if (point != null) observe(new Observation(point, result.getScore()));
    }

    @Override
    public synchronized void observe(Observation observation) {
        double[] point = observation.point();
        pending.finished(point);
        // A failed trial has no value, but it was tried: never propose it again.
        observed.add(observation);
        tried.add(space.decode(point));
    }

    @Override
    public synchronized void pending(double[] point) {
        pending.add(point);
        tried.add(space.decode(point));
    }

    @Override
    public ParameterSpace<?> getParameterSpace() {
        return space.arbiterSpace();
    }

    /** Seeds are mixed, so the streams of neighbouring trial numbers share nothing. */
    @Override
    public synchronized void setRngSeed(long seed) {
        random = new Random(new SplittableRandom(seed).nextLong());
    }

    @Override
    public Class<?> getCandidateType() {
        return null;
    }

    private boolean seen(double[] point) {
        return tried.contains(space.decode(point));
    }

    private double[] randomPoint() {
        double[] point = new double[categories.length];
        for (int d = 0; d < point.length; d++) point[d] = snap(d, random.nextDouble());
        return point;
    }

    private double[] child() {
        List<Observation> ranked = observed.stream().filter(Observation::hasValue).sorted(order).toList();
        List<Observation> parents = ranked.subList(0, Math.min(population, ranked.size()));
        int a = tournament(parents.size(), -1);
        int b = tournament(parents.size(), a);
        double[] x = parents.get(a).point();
        double[] y = parents.get(b).point();
        double[] child = new double[x.length];
        for (int d = 0; d < child.length; d++) child[d] = random.nextBoolean() ? x[d] : y[d];
        mutate(child, random.nextInt(child.length));
        return child;
    }

    /** The better (lower rank) of two distinct ranks drawn at random, never {@code excluded}. */
    private int tournament(int size, int excluded) {
        int first = draw(size, excluded);
        int second = size > 2 || excluded < 0 ? draw(size, excluded) : first;
        return Math.min(first, second);
    }

    private int draw(int size, int excluded) {
        int i;
        do {
            i = random.nextInt(size);
        } while (i == excluded && size > 1);
        return i;
    }

    private void mutate(double[] point, int d) {
        int k = categories[d];
        if (k > 1) {
            int now = TpeCandidateGenerator.categoryOf(point[d], k);
            int other = random.nextInt(k - 1);
            point[d] = ((other >= now ? other + 1 : other) + 0.5) / k;
        } else if (k == 0) {
            double v = point[d] + MUTATION_SIGMA * random.nextGaussian();
            while (v < 0 || v > 1) v = v < 0 ? -v : 2 - v;   // reflect, so the edges are not over-drawn
            point[d] = v;
        }
    }

    /** Categorical dimensions are proposed at their category's centre, so the point decodes unambiguously. */
    private double snap(int d, double u) {
        int k = categories[d];
        return k > 0 ? (TpeCandidateGenerator.categoryOf(u, k) + 0.5) / k : u;
    }
}
