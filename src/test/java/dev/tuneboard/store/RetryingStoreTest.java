package dev.tuneboard.store;

import dev.tuneboard.store.FaultyStore.Fault;
import dev.tuneboard.store.jdbc.Database;
import dev.tuneboard.store.jdbc.JdbcStore;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RetryingStore over a real H2 store, with faults injected before a call or after its commit. */
@Timeout(60)
class RetryingStoreTest {
    @TempDir
    Path dir;
    JdbcStore jdbc;
    Scripted plan;
    RecordingLogger log;
    List<Duration> slept;
    RetryingStore store;

    /** Fails the next calls of a method as scripted; every other call goes through. */
    static final class Scripted implements FaultyStore.Plan {
        final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();

        Scripted fail(String method, Fault... next) {
            faults.computeIfAbsent(method, k -> new ArrayDeque<>()).addAll(List.of(next));
            return this;
        }

        @Override
        public synchronized Fault next(String method) {
            Deque<Fault> q = faults.get(method);
            return q == null || q.isEmpty() ? Fault.NONE : q.poll();
        }
    }

    @BeforeEach
    void open() {
        jdbc = new JdbcStore(Database.open(Database.defaultUrl(dir), null, null), Clock.systemUTC());
        plan = new Scripted();
        log = new RecordingLogger();
        slept = new CopyOnWriteArrayList<>();
        store = new RetryingStore(new FaultyStore(jdbc, plan), new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofMinutes(2)), Clock.systemUTC(), slept::add, log);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private NewExperiment spec(String name) {
        return new NewExperiment(name, "name: " + name + "\n", "a".repeat(64), "b".repeat(64), Objective.VAL_ACCURACY, 4, 2);
    }

    private static TrialStore.TrialResult result() {
        return new TrialStore.TrialResult(0.9, 0.3, 0.9, new TestReport(0.8, 0.5, new int[10][10], List.of()),
                new byte[] {1, 2, 3}, 1, 2.0, 100, null);
    }

    @Test
    void writes_whose_commit_landed_but_reply_was_lost_are_not_done_twice() {
        plan.fail("create", Fault.AFTER).fail("claim", Fault.AFTER).fail("recordEpoch", Fault.AFTER)
                .fail("finish", Fault.AFTER).fail("start", Fault.AFTER).fail("end", Fault.AFTER);
        ExperimentRecord e = store.create(spec("lost-replies"));
        assertEquals(1, jdbc.list().size());

        Optional<TrialRecord> claimed = store.claim(e.id(), "1@host", reader -> new TrialStore.Claim(List.of(), "",
                new TrialStore.NewAttempt(reader.attempts(0, List.of()).size(), 1, Map.of("x", 1), new double[] {0.5}, 7)));
        assertTrue(claimed.isPresent());
        assertEquals(0, claimed.get().number(), "the landed claim is returned, not a second trial");
        assertEquals(1, jdbc.all(e.id()).size());

        store.recordEpoch(claimed.get().id(), new EpochMetrics(1, 0.5, 0.4, 0.8, 1.0, 100));
        assertEquals(1, jdbc.detail(claimed.get().id()).orElseThrow().epochs().size());
        store.finish(claimed.get().id(), TrialStatus.COMPLETED, result());
        assertEquals(TrialStatus.COMPLETED, jdbc.trial(claimed.get().id()).orElseThrow().status());

        TrialRecord started = store.start(e.id(), 1, 1, Map.of("x", 2), new double[] {0.2}, 8, "1@host");
        assertEquals(2, jdbc.all(e.id()).size());
        store.end(started.id(), TrialStatus.FAILED, "diverged", 1.0);
        assertEquals(TrialStatus.FAILED, jdbc.trial(started.id()).orElseThrow().status());
        assertEquals(6, slept.size(), "one wait per injected fault");
    }

    @Test
    void faults_before_the_call_are_retried_with_growing_waits_and_logged_once() {
        plan.fail("list", Fault.BEFORE, Fault.BEFORE, Fault.BEFORE);
        store.create(spec("a"));
        assertEquals(1, store.list().size());
        assertEquals(3, slept.size());
        assertTrue(slept.get(0).toMillis() >= 50 && slept.get(0).toMillis() <= 100, "first wait in [base/2, base]: " + slept);
        assertTrue(slept.get(2).toMillis() >= 200 && slept.get(2).toMillis() <= 400, "doubling: " + slept);
        assertEquals(2, log.lines.size(), "one line when the episode starts, one when it ends: " + log.lines);
        assertTrue(log.lines.get(0).contains("list hit a transient fault"), log.lines.get(0));
        assertTrue(log.lines.get(1).contains("recovered") && log.lines.get(1).contains("3 retries"), log.lines.get(1));
    }

    @Test
    void a_persistent_fault_is_thrown_at_once() {
        store.create(spec("taken"));
        NewExperiment other = new NewExperiment("taken", "name: taken\nother\n", "c".repeat(64), "b".repeat(64),
                Objective.VAL_ACCURACY, 4, 2);
        StoreException e = assertThrows(StoreException.class, () -> store.create(other));
        assertFalse(e.transientFault());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertTrue(slept.isEmpty());
        assertTrue(log.lines.isEmpty());
    }

    @Test
    void a_fault_that_outlasts_the_policy_is_given_up_and_says_so() {
        plan.fail("find", Fault.BEFORE, Fault.BEFORE, Fault.BEFORE, Fault.BEFORE, Fault.BEFORE, Fault.BEFORE);
        StoreException e = assertThrows(StoreException.class, () -> store.find("x"));
        assertTrue(e.getMessage().contains("find failed 6 times"), e.getMessage());
        assertFalse(e.transientFault(), "the caller must not retry again");
        assertEquals(5, slept.size());
        assertEquals(2, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(1).contains("giving up on find"), log.lines.get(1));
        assertEquals(Optional.empty(), store.find("x"), "the next call works");
    }

    @Test
    void the_budget_bounds_the_total_wait() {
        RetryingStore tight = new RetryingStore(new FaultyStore(jdbc, method -> Fault.BEFORE),
                new RetryPolicy(1000, Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(300)), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()), log);
        long t0 = System.nanoTime();
        assertThrows(StoreException.class, () -> tight.count(1, Set.of()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 200 && ms < 2000, "gave up within the 300 ms budget: " + ms + " ms");
    }
}
