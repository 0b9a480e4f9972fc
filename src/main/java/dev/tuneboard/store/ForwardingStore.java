package dev.tuneboard.store;

import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Provenance;
import dev.tuneboard.trial.Retrained;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialPoint;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A store that passes every call to another through one hook, {@link #around}: the base of store decorators
 * (retrying transient faults; injecting them in tests). A decorator overrides a method only where that call
 * needs more than the hook.
 */
public abstract class ForwardingStore implements Store {
    protected final Store delegate;

    protected ForwardingStore(Store delegate) {
        this.delegate = delegate;
    }

    /** Runs one call to the delegate; {@code method} names it (for logs and fault plans). */
    protected abstract <T> T around(String method, Supplier<T> call);

    private void aroundVoid(String method, Runnable call) {
        around(method, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public ExperimentRecord create(NewExperiment e) {
        return around("create", () -> delegate.create(e));
    }

    @Override
    public Optional<ExperimentRecord> find(String name) {
        return around("find", () -> delegate.find(name));
    }

    @Override
    public Optional<ExperimentRecord> findById(long id) {
        return around("findById", () -> delegate.findById(id));
    }

    @Override
    public Optional<ExperimentSummary> summary(String name) {
        return around("summary", () -> delegate.summary(name));
    }

    @Override
    public List<ExperimentSummary> list() {
        return around("list", delegate::list);
    }

    @Override
    public List<ExperimentRecord> active() {
        return around("active", delegate::active);
    }

    @Override
    public String fingerprint() {
        return around("fingerprint", delegate::fingerprint);
    }

    @Override
    public void setStatus(long experimentId, ExperimentStatus status, String error) {
        aroundVoid("setStatus", () -> delegate.setStatus(experimentId, status, error));
    }

    @Override
    public TrialRecord start(long experimentId, int number, int attempt, Map<String, Number> params, double[] point,
                             long seed, String worker) {
        return around("start", () -> delegate.start(experimentId, number, attempt, params, point, seed, worker));
    }

    @Override
    public Optional<TrialRecord> claim(long experimentId, String worker, Function<AttemptReader, Claim> decide) {
        return around("claim", () -> delegate.claim(experimentId, worker, decide));
    }

    @Override
    public List<TrialRecord> attempts(long experimentId, long afterId, Collection<Long> also) {
        return around("attempts", () -> delegate.attempts(experimentId, afterId, also));
    }

    @Override
    public void heartbeat(Collection<Long> trialIds) {
        aroundVoid("heartbeat", () -> delegate.heartbeat(trialIds));
    }

    @Override
    public void recordEpoch(long trialId, EpochMetrics metrics) {
        aroundVoid("recordEpoch", () -> delegate.recordEpoch(trialId, metrics));
    }

    @Override
    public void finish(long trialId, TrialStatus status, TrialResult result) {
        aroundVoid("finish", () -> delegate.finish(trialId, status, result));
    }

    @Override
    public void end(long trialId, TrialStatus status, String reason, double seconds, Provenance provenance) {
        aroundVoid("end", () -> delegate.end(trialId, status, reason, seconds, provenance));
    }

    @Override
    public List<TrialRecord> leaderboard(long experimentId, LeaderboardQuery query) {
        return around("leaderboard", () -> delegate.leaderboard(experimentId, query));
    }

    @Override
    public int count(long experimentId, Set<TrialStatus> statuses) {
        return around("count", () -> delegate.count(experimentId, statuses));
    }

    @Override
    public LeaderboardPage page(long experimentId, LeaderboardQuery query) {
        return around("page", () -> delegate.page(experimentId, query));
    }

    @Override
    public List<TrialRecord> all(long experimentId) {
        return around("all", () -> delegate.all(experimentId));
    }

    @Override
    public Optional<TrialRecord> trial(long trialId) {
        return around("trial", () -> delegate.trial(trialId));
    }

    @Override
    public Optional<TrialRecord> byNumber(long experimentId, int number) {
        return around("byNumber", () -> delegate.byNumber(experimentId, number));
    }

    @Override
    public Optional<TrialDetail> detail(long trialId) {
        return around("detail", () -> delegate.detail(trialId));
    }

    @Override
    public Map<Long, List<EpochMetrics>> curves(long experimentId) {
        return around("curves", () -> delegate.curves(experimentId));
    }

    @Override
    public Map<Long, List<EpochMetrics>> curves(long experimentId, Collection<Long> trialIds) {
        return around("curves", () -> delegate.curves(experimentId, trialIds));
    }

    @Override
    public List<TrialPoint> points(long experimentId) {
        return around("points", () -> delegate.points(experimentId));
    }

    @Override
    public List<dev.tuneboard.trial.HardSample> hardest(Collection<Long> trialIds, int limit) {
        return around("hardest", () -> delegate.hardest(trialIds, limit));
    }

    @Override
    public int stopRunning(long experimentId, String reason) {
        return around("stopRunning", () -> delegate.stopRunning(experimentId, reason));
    }

    @Override
    public String changes(long experimentId) {
        return around("changes", () -> delegate.changes(experimentId));
    }

    @Override
    public boolean hasModel(long trialId) {
        return around("hasModel", () -> delegate.hasModel(trialId));
    }

    @Override
    public Optional<byte[]> model(long trialId) {
        return around("model", () -> delegate.model(trialId));
    }

    @Override
    public void saveRetrained(Retrained retrained, byte[] model) {
        aroundVoid("saveRetrained", () -> delegate.saveRetrained(retrained, model));
    }

    @Override
    public Optional<Retrained> retrained(long trialId) {
        return around("retrained", () -> delegate.retrained(trialId));
    }

    @Override
    public Optional<byte[]> retrainedModel(long trialId) {
        return around("retrainedModel", () -> delegate.retrainedModel(trialId));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
