package dev.tuneboard.search.arbiter;

import dev.tuneboard.search.Observation;
import dev.tuneboard.search.ObservationOrder;
import dev.tuneboard.trial.Objective;

import org.apache.commons.math3.special.Erf;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011, as in Hyperopt and Optuna) in Arbiter's
 * unit hypercube. After {@code startup} random points (the spec's {@code search.startup_trials}), observations are split into the best
 * gamma(n) ("good") and the rest ("bad"); per dimension a Parzen estimator l(x) is fitted to the good
 * and g(x) to the bad points; {@value #N_EI} draws from l are scored by log l(x) - log g(x) and the
 * best is proposed. Dimensions are modelled independently, as Optuna does by default.
 *
 * <p>Pruned trials count with their last intermediate value, ranked below every completed trial and among
 * themselves by the rung they reached, then by their value at it ({@link ObservationOrder}, Optuna's rule):
 * regions whose trials were stopped early end up in g(x).
 *
 * <p>Points still training are added to the bad set (constant liar), so parallel workers asking
 * at the same time are steered away from each other's points.
 */
final class TpeCandidateGenerator implements CandidateGenerator, ArbiterSampler.PendingAware, ArbiterSampler.Learner {
    static final int N_EI = 24;
    private static final double PRIOR_WEIGHT = 1.0;

    private final ArbiterSpace space;
    private final Objective objective;
    private final int startup;
    /** Categories per dimension; 0 marks a continuous dimension. */
    private final int[] categories;
    private final List<Observation> observed = new ArrayList<>();
    private final PendingPoints pending = new PendingPoints();
    private Random random;
    private int counter;

    TpeCandidateGenerator(ArbiterSpace space, Objective objective, long seed, int startup) {
        if (startup < 1) throw new IllegalArgumentException("startup must be >= 1, got " + startup);
        this.space = space;
        this.objective = objective;
        this.startup = startup;
        this.random = new Random(seed);
        List<ParameterSpace> leaves = space.searchedLeaves();
        categories = new int[leaves.size()];
        for (int d = 0; d < categories.length; d++) {
            if (leaves.get(d) instanceof DiscreteParameterSpace<?> discrete) categories[d] = discrete.numValues();
        }
        if (categories.length != space.dimensions()) {
            throw new IllegalStateException("expected one leaf per dimension: " + categories.length + " leaves, "
                    + space.dimensions() + " dimensions");
        }
    }

    @Override
    public boolean hasMoreCandidates() {
        return true;
    }

    @Override
    public synchronized Candidate getCandidate() {
        double[] point = observed.size() < startup ? randomPoint() : tpePoint();
        TrialConfig value = null;
        Exception failure = null;
        try {
            value = space.arbiterSpace().getValue(point);
        } catch (Exception e) {
            // As Arbiter's own generators do: the failure travels on the candidate.
            failure = e;
        }
        return new Candidate<>(value, counter++, point, null, failure);
    }

    @Override
    public synchronized void reportResults(OptimizationResult result) {
        double[] point = result.getCandidate().getFlatParameters();
        if (point == null) return;
        observe(new Observation(point, result.getScore()));
    }

    @Override
    public synchronized void observe(Observation observation) {
        double[] point = observation.point();
        pending.finished(point);
        if (observation.hasValue()) observed.add(observation);
    }

    @Override
    public synchronized void pending(double[] point) {
        pending.add(point);
    }

    @Override
    public ParameterSpace<?> getParameterSpace() {
        return space.arbiterSpace();
    }

    @Override
    public synchronized void setRngSeed(long seed) {
        random = new Random(seed);
    }

    @Override
    public Class<?> getCandidateType() {
        return null;
    }

    private double[] randomPoint() {
        double[] point = new double[categories.length];
        for (int d = 0; d < point.length; d++) point[d] = snap(d, random.nextDouble());
        return point;
    }

    private double[] tpePoint() {
        // Best first (pruned trials by the rung they reached, below completed ones, as Optuna ranks them);
        // the sort is stable, so ties keep report order and proposals stay reproducible.
        List<Observation> sorted = new ArrayList<>(observed);
        sorted.sort(new ObservationOrder(objective));
        int nGood = gamma(sorted.size());
        List<double[]> good = new ArrayList<>();
        List<double[]> bad = new ArrayList<>(pending.all());
        for (int i = 0; i < sorted.size(); i++) (i < nGood ? good : bad).add(sorted.get(i).point());

        int dims = categories.length;
        Estimator[] l = new Estimator[dims];
        Estimator[] g = new Estimator[dims];
        for (int d = 0; d < dims; d++) {
            l[d] = estimator(d, column(good, d));
            g[d] = estimator(d, column(bad, d));
        }
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < N_EI; i++) {
            double[] x = new double[dims];
            double score = 0;
            for (int d = 0; d < dims; d++) {
                x[d] = l[d].sample(random);
                score += l[d].logDensity(x[d]) - g[d].logDensity(x[d]);
            }
            if (best == null || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return best;
    }

    /** Optuna's default: the best 10%, at most 25, at least one. */
    static int gamma(int n) {
        return Math.max(1, Math.min((int) Math.ceil(0.1 * n), 25));
    }

    private Estimator estimator(int d, double[] values) {
        return categories[d] > 0 ? Categorical.fit(values, categories[d]) : Parzen.fit(values);
    }

    private static double[] column(List<double[]> points, int d) {
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) out[i] = points.get(i)[d];
        return out;
    }

    /** Categorical dimensions are proposed at their category's centre, so the point decodes unambiguously. */
    private double snap(int d, double u) {
        int k = categories[d];
        return k > 0 ? (categoryOf(u, k) + 0.5) / k : u;
    }

    /** Same mapping as Arbiter's DiscreteParameterSpace.getValue. */
    static int categoryOf(double u, int k) {
        return Math.min(k - 1, Math.max(0, (int) Math.floor(u * k)));
    }

    private interface Estimator {
        double sample(Random random);

        double logDensity(double x);
    }

    /** Smoothed category frequencies: each category starts with the prior weight. */
    private record Categorical(double[] probabilities) implements Estimator {
        static Categorical fit(double[] values, int k) {
            double[] p = new double[k];
            Arrays.fill(p, PRIOR_WEIGHT);   // added to every category's count, as Optuna does
            for (double v : values) p[categoryOf(v, k)] += 1;
            double total = Arrays.stream(p).sum();
            for (int i = 0; i < k; i++) p[i] /= total;
            return new Categorical(p);
        }

        @Override
        public double sample(Random random) {
            double u = random.nextDouble();
            int k = probabilities.length;
            for (int i = 0; i < k; i++) {
                u -= probabilities[i];
                if (u < 0) return (i + 0.5) / k;
            }
            return (k - 0.5) / k;
        }

        @Override
        public double logDensity(double x) {
            return Math.log(probabilities[categoryOf(x, probabilities.length)]);
        }
    }

    /**
     * Equal-weight mixture of Gaussians truncated to [0, 1], one per observation plus a prior at 0.5
     * with sigma 1. Bandwidths follow Optuna/Hyperopt: the larger gap to a sorted neighbour, clipped
     * to [1 / min(100, 1 + n), 1] ("magic clip") so no component collapses onto a point.
     */
    private record Parzen(double[] mus, double[] sigmas, double[] weights) implements Estimator {
        private static final double LOW = 0.0;
        private static final double HIGH = 1.0;

        static Parzen fit(double[] observations) {
            double[] sorted = observations.clone();
            Arrays.sort(sorted);
            double priorMu = 0.5 * (LOW + HIGH);
            int prior = 0;
            while (prior < sorted.length && sorted[prior] <= priorMu) prior++;
            int n = sorted.length + 1;
            double[] mus = new double[n];
            System.arraycopy(sorted, 0, mus, 0, prior);
            mus[prior] = priorMu;
            System.arraycopy(sorted, prior, mus, prior + 1, sorted.length - prior);

            double[] sigmas = new double[n];
            for (int i = 0; i < n; i++) {
                double left = mus[i] - (i > 0 ? mus[i - 1] : LOW);
                double right = (i < n - 1 ? mus[i + 1] : HIGH) - mus[i];
                sigmas[i] = Math.max(left, right);
            }
            double minSigma = (HIGH - LOW) / Math.min(100.0, 1.0 + n);
            for (int i = 0; i < n; i++) sigmas[i] = Math.max(minSigma, Math.min(HIGH - LOW, sigmas[i]));
            sigmas[prior] = HIGH - LOW;   // the prior stays broad whatever its neighbours
            double[] weights = new double[n];
            Arrays.fill(weights, 1.0 / n);   // PRIOR_WEIGHT 1 equals each observation's weight
            return new Parzen(mus, sigmas, weights);
        }

        @Override
        public double sample(Random random) {
            int i = pick(random);
            // Rejection sampling from the truncated component; sigma >= 0.01 and mu in [0, 1] keep acceptance high.
            for (int tries = 0; tries < 100; tries++) {
                double x = mus[i] + sigmas[i] * random.nextGaussian();
                if (x >= LOW && x <= HIGH) return x;
            }
            return Math.min(HIGH, Math.max(LOW, mus[i]));
        }

        private int pick(Random random) {
            double u = random.nextDouble();
            for (int i = 0; i < weights.length; i++) {
                u -= weights[i];
                if (u < 0) return i;
            }
            return weights.length - 1;
        }

        @Override
        public double logDensity(double x) {
            double density = 0;
            for (int i = 0; i < mus.length; i++) {
                double z = (x - mus[i]) / sigmas[i];
                double mass = phi((HIGH - mus[i]) / sigmas[i]) - phi((LOW - mus[i]) / sigmas[i]);
                density += weights[i] * Math.exp(-0.5 * z * z) / (Math.sqrt(2 * Math.PI) * sigmas[i] * mass);
            }
            return Math.log(Math.max(density, Double.MIN_NORMAL));
        }

        private static double phi(double z) {
            return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
        }
    }
}
