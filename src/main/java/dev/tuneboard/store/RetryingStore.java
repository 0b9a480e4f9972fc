package dev.tuneboard.store;

import dev.tuneboard.trial.Provenance;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A store that tries a call again when it fails with a transient fault (lock timeout, deadlock,
 * serialization failure, lost connection, server restarting), with exponential backoff and jitter,
 * and passes persistent faults on at once. One fault episode (however many threads hit it) is logged
 * once when it starts and once when it ends.
 * <p>
 * A write whose commit landed but whose reply was lost must not be done twice: before trying a
 * write again, its {@code landed} check looks whether the earlier try is already in the store.
 */
public final class RetryingStore extends ForwardingStore {
    /** Waits between tries; tests pass one that records. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Logger log;
    /** Claims from this process one at a time, so a claim that landed unseen is told from another thread's. */
    private final ReentrantLock claims = new ReentrantLock();
    private final Object episodeLock = new Object();
    private Instant episodeStart;
    private int failingCalls;
    private int episodeRetries;

    public RetryingStore(Store delegate, RetryPolicy policy, Clock clock, Sleeper sleeper, Logger log) {
        super(delegate);
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
    }

    @Override
    protected <T> T around(String method, Supplier<T> op) {
        return call(method, op);
    }

    private <T> T call(String what, Supplier<T> op) {
        return call(what, op, null);
    }

    private <T> T call(String what, Supplier<T> op, Supplier<Optional<T>> landed) {
        Instant start = clock.instant();
        int retries = 0;
        while (true) {
            try {
                if (retries > 0 && landed != null) {
                    Optional<T> done = landed.get();
                    if (done.isPresent()) {
                        recovered();
                        return done.get();
                    }
                }
                T result = op.get();
                if (retries > 0) recovered();
                return result;
            } catch (StoreException e) {
                if (!e.transientFault()) {
                    if (retries > 0) gaveUp(what, retries, start, e);
                    throw e;
                }
                if (retries == 0) failing(what, e);
                retries++;
                Duration delay = policy.delay(retries, ThreadLocalRandom.current().nextDouble());
                Duration elapsed = Duration.between(start, clock.instant());
                if (retries >= policy.attempts() || elapsed.plus(delay).compareTo(policy.budget()) > 0) {
                    gaveUp(what, retries, start, e);
                    throw new StoreException(what + " failed " + retries + " times in " + seconds(elapsed) + " s: "
                            + e.getMessage(), e, false);
                }
                synchronized (episodeLock) {
                    episodeRetries++;
                }
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    gaveUp(what, retries, start, e);
                    throw new StoreException(what + " interrupted while waiting to try again: " + e.getMessage(), e, false);
                }
            }
        }
    }

    private void failing(String what, StoreException e) {
        synchronized (episodeLock) {
            failingCalls++;
            if (episodeStart == null) {
                episodeStart = clock.instant();
                episodeRetries = 0;
                log.warn("store: {} hit a transient fault ({}); retrying store calls for up to {} s", what, e.getMessage(),
                        seconds(policy.budget()));
            }
        }
    }

    private void recovered() {
        synchronized (episodeLock) {
            if (--failingCalls == 0 && episodeStart != null) {
                log.warn("store: recovered after {} s ({} retries)", seconds(Duration.between(episodeStart, clock.instant())),
                        episodeRetries);
                episodeStart = null;
            }
        }
    }

    private void gaveUp(String what, int retries, Instant start, StoreException e) {
        synchronized (episodeLock) {
            log.error("store: giving up on {} after {} tries in {} s: {}", what, retries,
                    seconds(Duration.between(start, clock.instant())), e.getMessage());
            if (--failingCalls == 0) episodeStart = null;
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    // ---------------------------------------------------------------- experiments

    @Override
    public ExperimentRecord create(NewExperiment e) {
        // Landed: the same experiment (name, spec, data) is there; a different one still fails as "already exists".
        return call("create " + e.name(), () -> delegate.create(e), () -> delegate.find(e.name())
                .filter(r -> r.specHash().equals(e.specHash()) && r.dataHash().equals(e.dataHash())
                        && r.specText().equals(e.specText())));
    }

    // ---------------------------------------------------------------- trials

    @Override
    public TrialRecord start(long experimentId, int number, int attempt, Map<String, Number> params, double[] point,
                             long seed, String worker) {
        return call("start trial " + number, () -> delegate.start(experimentId, number, attempt, params, point, seed, worker),
                () -> ours(experimentId, number, attempt, worker));
    }

    @Override
    public Optional<TrialRecord> claim(long experimentId, String worker, Function<AttemptReader, Claim> decide) {
        // Every attempt a failed try decided on: if one of them is in the store as ours, that try committed.
        List<NewAttempt> decided = new ArrayList<>();
        Function<AttemptReader, Claim> recording = reader -> {
            Claim claim = decide.apply(reader);
            if (claim.next() != null) decided.add(claim.next());
            return claim;
        };
        claims.lock();
        try {
            return call("claim", () -> delegate.claim(experimentId, worker, recording), () -> {
                for (NewAttempt n : List.copyOf(decided)) {
                    Optional<TrialRecord> mine = ours(experimentId, n.number(), n.attempt(), worker);
                    if (mine.isPresent()) return Optional.of(mine);
                }
                return Optional.empty();
            });
        } finally {
            claims.unlock();
        }
    }

    private Optional<TrialRecord> ours(long experimentId, int number, int attempt, String worker) {
        return delegate.all(experimentId).stream()
                .filter(t -> t.number() == number && t.attempt() == attempt && worker.equals(t.worker())
                        && t.status() == TrialStatus.RUNNING)
                .findFirst();
    }

    @Override
    public void finish(long trialId, TrialStatus status, TrialResult result) {
        call("finish trial id " + trialId, () -> {
            delegate.finish(trialId, status, result);
            return Boolean.TRUE;
        }, () -> endedAs(trialId, status));
    }

    @Override
    public void end(long trialId, TrialStatus status, String reason, double seconds, Provenance provenance) {
        call("end trial id " + trialId, () -> {
            delegate.end(trialId, status, reason, seconds, provenance);
            return Boolean.TRUE;
        }, () -> endedAs(trialId, status));
    }

    /** finish/end commit in one transaction, so the status says whether all of it landed. */
    private Optional<Boolean> endedAs(long trialId, TrialStatus status) {
        return delegate.trial(trialId).filter(t -> t.status() == status).map(t -> Boolean.TRUE);
    }

    @Override
    public int stopRunning(long experimentId, String reason) {
        // A retry after a landed update finds nothing left running and counts 0: the trials are stopped either way.
        return call("stopRunning", () -> delegate.stopRunning(experimentId, reason));
    }

}
