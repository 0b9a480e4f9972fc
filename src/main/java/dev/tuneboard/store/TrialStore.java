package dev.tuneboard.store;

import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Provenance;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialPoint;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface TrialStore {

    /** Records a trial attempt as running and returns it. */
    TrialRecord start(long experimentId, int number, int attempt, Map<String, Number> params, double[] point,
                      long seed, String worker);

    /**
     * Atomically picks the next trial to run: with the experiment locked against other workers,
     * {@code decide} reads the attempts it needs through the reader (same transaction, so nobody inserts
     * meanwhile) and names trials to mark stopped (their worker died) and the attempt to start; that
     * attempt is stored as running, owned by {@code worker}. Keep {@code decide} short: every other
     * worker's claim waits for it (no sampler fitting in there).
     */
    Optional<TrialRecord> claim(long experimentId, String worker, java.util.function.Function<AttemptReader, Claim> decide);

    /**
     * Attempts of the experiment with an id above {@code afterId}, or whose id is in {@code also}, by id.
     * Finished attempts never change, so a reader that keeps what it saw only asks for new attempts and
     * the ones it last saw running.
     */
    List<TrialRecord> attempts(long experimentId, long afterId, java.util.Collection<Long> also);

    /** {@link #attempts} inside a claim's transaction. */
    @FunctionalInterface
    interface AttemptReader {
        List<TrialRecord> attempts(long afterId, java.util.Collection<Long> also);
    }

    /** Running trials of a live worker say so, so others can tell them from trials of a dead one. */
    void heartbeat(java.util.Collection<Long> trialIds);

    record NewAttempt(int number, int attempt, Map<String, Number> params, double[] point, long seed) {
    }

    record Claim(List<Long> staleTrialIds, String staleReason, NewAttempt next) {
        public Claim {
            staleTrialIds = List.copyOf(staleTrialIds);
        }
    }

    void recordEpoch(long trialId, EpochMetrics metrics);

    /** Records how a trial ended with metrics (completed or pruned), its test report and model, in one transaction. */
    void finish(long trialId, TrialStatus status, TrialResult result);

    /** Records a failed or stopped attempt with its reason and how it was made (null when unknown). */
    void end(long trialId, TrialStatus status, String reason, double seconds, Provenance provenance);

    /** {@link #end(long, TrialStatus, String, double, Provenance)} without provenance. */
    default void end(long trialId, TrialStatus status, String reason, double seconds) {
        end(trialId, status, reason, seconds, null);
    }

    List<TrialRecord> leaderboard(long experimentId, LeaderboardQuery query);

    int count(long experimentId, java.util.Set<TrialStatus> statuses);

    /** A leaderboard page with the count of trials its statuses match (what the dashboard's table shows). */
    default LeaderboardPage page(long experimentId, LeaderboardQuery query) {
        return new LeaderboardPage(leaderboard(experimentId, query), count(experimentId, query.statuses()));
    }

    /** Every attempt of every trial of the experiment, by number then attempt: what a resumed run starts from. */
    List<TrialRecord> all(long experimentId);

    Optional<TrialRecord> trial(long trialId);

    Optional<TrialRecord> byNumber(long experimentId, int number);

    Optional<TrialDetail> detail(long trialId);

    /** The values each finished or running trial reported at each epoch (for pruners): trial id → curve. */
    Map<Long, List<EpochMetrics>> curves(long experimentId);

    /** The curves of just these trials of the experiment (a pruner's view refreshes only unfinished ones). */
    Map<Long, List<EpochMetrics>> curves(long experimentId, java.util.Collection<Long> trialIds);

    /**
     * The last attempt of every finished trial (completed, pruned or failed) with its params and objective,
     * by finish time: what the dashboard's charts aggregate.
     */
    List<TrialPoint> points(long experimentId);

    /**
     * The test images most of these trials got wrong, most wrong first (then by index), at most {@code limit}:
     * exact, as every misclassified test image of a trial is stored.
     */
    List<dev.tuneboard.trial.HardSample> hardest(java.util.Collection<Long> trialIds, int limit);

    /**
     * A cheap value (one query over an index) that changes whenever a trial of this experiment finishes,
     * fails or is stopped, whichever process or machine wrote it: what caches of {@link #points} are keyed by.
     */
    String changes(long experimentId);

    /** Running trials left behind by a process that died become stopped; returns how many. */
    int stopRunning(long experimentId, String reason);

    /** What a finished trial carries into the store. */
    record TrialResult(double valAccuracy, double valLoss, double objective, TestReport test, byte[] model,
                       int epochsDone, double seconds, double samplesPerSecond, String stopReason, Provenance provenance) {
        /** A result with no provenance recorded. */
        public TrialResult(double valAccuracy, double valLoss, double objective, TestReport test, byte[] model,
                           int epochsDone, double seconds, double samplesPerSecond, String stopReason) {
            this(valAccuracy, valLoss, objective, test, model, epochsDone, seconds, samplesPerSecond, stopReason, null);
        }
    }
}
