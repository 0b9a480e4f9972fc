package dev.tuneboard.store;

import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Provenance;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialPoint;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Test wrapper around a real store that throws transient faults at chosen calls: BEFORE the call
 * reaches the database (nothing happened) or AFTER it returned (it committed, the reply was lost).
 */
public final class FaultyStore implements Store {
    public enum Fault { NONE, BEFORE, AFTER }

    /** Decides, per store call (by method name), whether and where it fails. */
    @FunctionalInterface
    public interface Plan {
        Fault next(String method);
    }

    /** Fails each call with probability {@code rate}, half before and half after, from a seeded sequence. */
    public static final class Seeded implements Plan {
        private final java.util.Random random;
        private final double rate;

        public Seeded(long seed, double rate) {
            this.random = new java.util.Random(seed);
            this.rate = rate;
        }

        @Override
        public synchronized Fault next(String method) {
            double r = random.nextDouble();
            if (r >= rate) return Fault.NONE;
            return r < rate / 2 ? Fault.BEFORE : Fault.AFTER;
        }
    }

    private final Store delegate;
    private final Plan plan;
    private final AtomicInteger before = new AtomicInteger();
    private final AtomicInteger after = new AtomicInteger();
    private final Map<String, AtomicInteger> byMethod = new java.util.concurrent.ConcurrentHashMap<>();

    public FaultyStore(Store delegate, Plan plan) {
        this.delegate = delegate;
        this.plan = plan;
    }

    public int faultsBefore() {
        return before.get();
    }

    public int faultsAfter() {
        return after.get();
    }

    /** Injected faults per method, "claim/after" style keys. */
    public Map<String, AtomicInteger> byMethod() {
        return byMethod;
    }

    private <T> T call(String method, Supplier<T> op) {
        Fault fault = plan.next(method);
        if (fault == Fault.BEFORE) {
            before.incrementAndGet();
            byMethod.computeIfAbsent(method + "/before", k -> new AtomicInteger()).incrementAndGet();
            throw new StoreException("injected transient fault before " + method, null, true);
        }
        T result = op.get();
        if (fault == Fault.AFTER) {
            after.incrementAndGet();
            byMethod.computeIfAbsent(method + "/after", k -> new AtomicInteger()).incrementAndGet();
            throw new StoreException("injected transient fault after " + method + " (committed, reply lost)", null, true);
        }
        return result;
    }

    private void run(String method, Runnable op) {
        call(method, () -> {
            op.run();
            return null;
        });
    }

    @Override
    public ExperimentRecord create(NewExperiment experiment) {
        return call("create", () -> delegate.create(experiment));
    }

    @Override
    public Optional<ExperimentRecord> find(String name) {
        return call("find", () -> delegate.find(name));
    }

    @Override
    public Optional<ExperimentRecord> findById(long id) {
        return call("findById", () -> delegate.findById(id));
    }

    @Override
    public Optional<ExperimentSummary> summary(String name) {
        return call("summary", () -> delegate.summary(name));
    }

    @Override
    public List<ExperimentSummary> list() {
        return call("list", delegate::list);
    }

    @Override
    public List<ExperimentRecord> active() {
        return call("active", delegate::active);
    }

    @Override
    public String fingerprint() {
        return call("fingerprint", delegate::fingerprint);
    }

    @Override
    public void setStatus(long experimentId, ExperimentStatus status, String error) {
        run("setStatus", () -> delegate.setStatus(experimentId, status, error));
    }

    @Override
    public TrialRecord start(long experimentId, int number, int attempt, Map<String, Number> params, double[] point,
                             long seed, String worker) {
        return call("start", () -> delegate.start(experimentId, number, attempt, params, point, seed, worker));
    }

    @Override
    public Optional<TrialRecord> claim(long experimentId, String worker, Function<AttemptReader, Claim> decide) {
        return call("claim", () -> delegate.claim(experimentId, worker, decide));
    }

    @Override
    public List<TrialRecord> attempts(long experimentId, long afterId, Collection<Long> also) {
        return call("attempts", () -> delegate.attempts(experimentId, afterId, also));
    }

    @Override
    public void heartbeat(Collection<Long> trialIds) {
        run("heartbeat", () -> delegate.heartbeat(trialIds));
    }

    @Override
    public void recordEpoch(long trialId, EpochMetrics metrics) {
        run("recordEpoch", () -> delegate.recordEpoch(trialId, metrics));
    }

    @Override
    public void finish(long trialId, TrialStatus status, TrialResult result) {
        run("finish", () -> delegate.finish(trialId, status, result));
    }

    @Override
    public void end(long trialId, TrialStatus status, String reason, double seconds, Provenance provenance) {
        run("end", () -> delegate.end(trialId, status, reason, seconds, provenance));
    }

    @Override
    public List<TrialRecord> leaderboard(long experimentId, LeaderboardQuery query) {
        return call("leaderboard", () -> delegate.leaderboard(experimentId, query));
    }

    @Override
    public int count(long experimentId, Set<TrialStatus> statuses) {
        return call("count", () -> delegate.count(experimentId, statuses));
    }

    @Override
    public List<TrialRecord> all(long experimentId) {
        return call("all", () -> delegate.all(experimentId));
    }

    @Override
    public Optional<TrialRecord> trial(long trialId) {
        return call("trial", () -> delegate.trial(trialId));
    }

    @Override
    public Optional<TrialRecord> byNumber(long experimentId, int number) {
        return call("byNumber", () -> delegate.byNumber(experimentId, number));
    }

    @Override
    public Optional<TrialDetail> detail(long trialId) {
        return call("detail", () -> delegate.detail(trialId));
    }

    @Override
    public Map<Long, List<EpochMetrics>> curves(long experimentId) {
        return call("curves", () -> delegate.curves(experimentId));
    }

    @Override
    public List<TrialPoint> points(long experimentId) {
        return call("points", () -> delegate.points(experimentId));
    }

    @Override
    public int stopRunning(long experimentId, String reason) {
        return call("stopRunning", () -> delegate.stopRunning(experimentId, reason));
    }

    @Override
    public Map<Long, List<EpochMetrics>> curves(long experimentId, Collection<Long> trialIds) {
        return call("curves", () -> delegate.curves(experimentId, trialIds));
    }

    @Override
    public String changes(long experimentId) {
        return call("changes", () -> delegate.changes(experimentId));
    }

    @Override
    public boolean hasModel(long trialId) {
        return call("hasModel", () -> delegate.hasModel(trialId));
    }

    @Override
    public Optional<byte[]> model(long trialId) {
        return call("model", () -> delegate.model(trialId));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
