package dev.tuneboard.store.jdbc;

import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.ExperimentStatus;
import dev.tuneboard.store.ExperimentSummary;
import dev.tuneboard.store.LeaderboardPage;
import dev.tuneboard.store.LeaderboardQuery;
import dev.tuneboard.store.NewExperiment;
import dev.tuneboard.store.Store;
import dev.tuneboard.store.StoreException;
import dev.tuneboard.trial.Constraints;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.HardSample;
import dev.tuneboard.trial.InferenceCost;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.Objective;
import dev.tuneboard.trial.Retrained;
import dev.tuneboard.trial.Provenance;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialPoint;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.trial.TrialStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The store over JDBC: H2 or PostgreSQL, same SQL. All SQL of Tuneboard lives in this package. */
public final class JdbcStore implements Store {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRIAL_COLUMNS = "id, experiment_id, trial_number, attempt, status, params_json, point_json, seed, "
            + "val_accuracy, val_loss, test_accuracy, test_loss, objective, epochs_done, samples_per_second, created_at, "
            + "started_at, finished_at, seconds, error, stop_reason, worker, heartbeat_at, parameters, latency_ms, latency_ms_256, "
            + "latency_calls_1, latency_calls_256";
    private static final String EXPERIMENT_COLUMNS = "id, name, status, spec_text, spec_hash, data_hash, objective_metric, "
            + "objective_direction, trial_budget, parallelism, created_at, started_at, finished_at, error";

    /** Plenty for the experiments one process shows; past it the cache starts over rather than grow. */
    private static final int MAX_CACHED_SUMMARIES = 256;

    /** An experiment's trial counts and bests as computed under one {@link #summaryMarker}. */
    private record TrialCounts(String marker, int trials, int completed, int running, int pruned, int failed,
                               Double best, Double bestVal, Double bestTest) {
    }

    private final Database db;
    private final Clock clock;
    private final Map<Long, TrialCounts> summaryCache = new java.util.concurrent.ConcurrentHashMap<>();

    public JdbcStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Database database() {
        return db;
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(SqlWork<T> work) {
        try (Connection c = db.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw fault(e);
        }
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = db.connection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                // On a broken connection the rollback fails too; the first error says what happened.
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(auto);
                } catch (SQLException ignored) {
                    // the connection is broken: the pool drops it (Database.connection)
                }
            }
        } catch (SQLException e) {
            throw fault(e);
        }
    }

    /** Wraps a driver error, telling callers (RetryingStore) whether trying again may help. */
    private StoreException fault(SQLException e) {
        boolean transientFault = SqlFaults.isTransient(e);
        if (transientFault) db.connectionFailed(e);
        return new StoreException("database error: " + e.getMessage(), e, transientFault);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    // ---------------------------------------------------------------- experiments

    @Override
    public ExperimentRecord create(NewExperiment e) {
        return inTransaction(c -> {
            try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM experiments WHERE name = ?")) {
                check.setString(1, e.name());
                if (check.executeQuery().next()) {
                    throw new StoreException("an experiment named '" + e.name() + "' already exists");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO experiments (name, status, spec_text, spec_hash, "
                    + "data_hash, objective_metric, objective_direction, trial_budget, parallelism, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, e.name());
                ps.setString(2, ExperimentStatus.QUEUED.key());
                ps.setString(3, e.specText());
                ps.setString(4, e.specHash());
                ps.setString(5, e.dataHash());
                ps.setString(6, e.objective().metric().key());
                ps.setString(7, e.objective().direction().key());
                ps.setInt(8, e.trialBudget());
                ps.setInt(9, e.parallelism());
                ps.setObject(10, now());
                ps.executeUpdate();
            }
            return findExperiment(c, e.name()).orElseThrow();
        });
    }

    @Override
    public Optional<ExperimentRecord> find(String name) {
        return withConnection(c -> findExperiment(c, name));
    }

    @Override
    public Optional<ExperimentRecord> findById(long id) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EXPERIMENT_COLUMNS + " FROM experiments WHERE id = ?")) {
                ps.setLong(1, id);
                ResultSet rs = ps.executeQuery();
                return rs.next() ? Optional.of(experiment(rs)) : Optional.empty();
            }
        });
    }

    private Optional<ExperimentRecord> findExperiment(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EXPERIMENT_COLUMNS + " FROM experiments WHERE name = ?")) {
            ps.setString(1, name);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(experiment(rs)) : Optional.empty();
        }
    }

    @Override
    public Optional<ExperimentSummary> summary(String name) {
        return withConnection(c -> {
            Optional<ExperimentRecord> e = findExperiment(c, name);
            if (e.isEmpty()) return Optional.empty();
            return Optional.of(summary(c, e.get(), summaryMarker(c, e.get().id())));
        });
    }

    @Override
    public List<ExperimentSummary> list() {
        return withConnection(c -> {
            // Every experiment's summary marker in one pass over index trials_by_finished; the counts of an
            // experiment are recomputed only when its marker moved.
            Map<Long, String> markers = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT experiment_id, COUNT(*), COUNT(finished_at), "
                    + "MAX(finished_at) FROM trials GROUP BY experiment_id")) {
                ResultSet rs = ps.executeQuery();
                while (rs.next()) markers.put(rs.getLong(1), marker(rs.getLong(2), rs.getLong(3), rs.getString(4)));
            }
            List<ExperimentSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EXPERIMENT_COLUMNS
                    + " FROM experiments ORDER BY created_at DESC, id DESC")) {
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    ExperimentRecord e = experiment(rs);
                    out.add(summary(c, e, markers.getOrDefault(e.id(), marker(0, 0, null))));
                }
            }
            return out;
        });
    }

    /**
     * The experiment row is always fresh; its trial counts and bests come from the cache while the
     * experiment's {@link #summaryMarker} is the one they were computed under. The marker is read before
     * the counts, so a trial that changes in between moves the marker again and the next call recomputes.
     */
    private ExperimentSummary summary(Connection c, ExperimentRecord e, String marker) throws SQLException {
        TrialCounts counts = summaryCache.get(e.id());
        if (counts == null || !counts.marker().equals(marker)) {
            counts = counts(c, e, marker);
            if (summaryCache.size() >= MAX_CACHED_SUMMARIES) summaryCache.clear();
            summaryCache.put(e.id(), counts);
        }
        return new ExperimentSummary(e, counts.trials(), counts.completed(), counts.running(), counts.pruned(),
                counts.failed(), counts.best(), counts.bestVal(), counts.bestTest());
    }

    private TrialCounts counts(Connection c, ExperimentRecord e, String marker) throws SQLException {
        String sql = "SELECT COUNT(DISTINCT trial_number) AS n_trials, "
                + "SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS n_completed, "
                + "SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END) AS n_running, "
                + "SUM(CASE WHEN status = 'pruned' THEN 1 ELSE 0 END) AS n_pruned, "
                + "SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS n_failed, "
                + "MAX(CASE WHEN status IN ('completed', 'pruned') THEN objective END) AS max_objective, "
                + "MIN(CASE WHEN status IN ('completed', 'pruned') THEN objective END) AS min_objective, "
                + "MAX(CASE WHEN status IN ('completed', 'pruned') THEN val_accuracy END) AS best_val "
                + "FROM trials WHERE experiment_id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, e.id());
            ResultSet rs = ps.executeQuery();
            rs.next();
            Double best = e.maximize() ? nullableDouble(rs, "max_objective") : nullableDouble(rs, "min_objective");
            return new TrialCounts(marker, rs.getInt("n_trials"), rs.getInt("n_completed"), rs.getInt("n_running"),
                    rs.getInt("n_pruned"), rs.getInt("n_failed"), best, nullableDouble(rs, "best_val"), bestTest(c, e));
        }
    }

    /** Test accuracy of the trial the objective chose (not the best test accuracy: the test set never chooses). */
    private Double bestTest(Connection c, ExperimentRecord e) throws SQLException {
        String sql = "SELECT test_accuracy FROM trials WHERE experiment_id = ? AND status IN ('completed', 'pruned') "
                + "AND objective IS NOT NULL ORDER BY objective " + (e.maximize() ? "DESC" : "ASC") + ", id FETCH FIRST 1 ROWS ONLY";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, e.id());
            ResultSet rs = ps.executeQuery();
            return rs.next() ? nullableDouble(rs, "test_accuracy") : null;
        }
    }

    @Override
    public void setStatus(long experimentId, ExperimentStatus status, String error) {
        withConnection(c -> {
            String times = switch (status) {
                case RUNNING -> ", started_at = COALESCE(started_at, ?), finished_at = NULL";
                case COMPLETED, STOPPED, FAILED -> ", finished_at = ?";
                default -> "";
            };
            try (PreparedStatement ps = c.prepareStatement("UPDATE experiments SET status = ?, error = ?" + times + " WHERE id = ?")) {
                int i = 1;
                ps.setString(i++, status.key());
                ps.setString(i++, truncate(error, 8000));
                if (!times.isEmpty()) ps.setObject(i++, now());
                ps.setLong(i, experimentId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- trials

    @Override
    public TrialRecord start(long experimentId, int number, int attempt, Map<String, Number> params, double[] point,
                             long seed, String worker) {
        return withConnection(c -> insertRunning(c, experimentId, number, attempt, params, point, seed, worker));
    }

    private TrialRecord insertRunning(Connection c, long experimentId, int number, int attempt, Map<String, Number> params,
                                      double[] point, long seed, String worker) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trials (experiment_id, trial_number, attempt, status, "
                + "params_json, point_json, seed, created_at, started_at, worker, heartbeat_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            OffsetDateTime now = now();
            ps.setLong(1, experimentId);
            ps.setInt(2, number);
            ps.setInt(3, attempt);
            ps.setString(4, TrialStatus.RUNNING.key());
            ps.setString(5, json(params));
            ps.setString(6, json(point));
            ps.setLong(7, seed);
            ps.setObject(8, now);
            ps.setObject(9, now);
            ps.setString(10, worker);
            ps.setObject(11, now);
            ps.executeUpdate();
            ResultSet keys = ps.getGeneratedKeys();
            keys.next();
            id = keys.getLong(1);
        }
        return trial(c, id).orElseThrow();
    }

    @Override
    public Optional<TrialRecord> claim(long experimentId, String worker,
                                      java.util.function.Function<AttemptReader, Claim> decide) {
        return inTransaction(c -> {
            // Locking the experiment row serialises claims from every worker process on every machine.
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM experiments WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, experimentId);
                if (!lock.executeQuery().next()) throw new StoreException("no experiment with id " + experimentId);
            }
            Claim claim = decide.apply((afterId, also) -> {
                try {
                    return attempts(c, experimentId, afterId, also);
                } catch (SQLException e) {
                    throw new StoreException("database error: " + e.getMessage(), e);
                }
            });
            for (long stale : claim.staleTrialIds()) {
                transition(c, stale, TrialStatus.STOPPED);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE trials SET status = ?, stop_reason = ?, finished_at = ? WHERE id = ?")) {
                    ps.setString(1, TrialStatus.STOPPED.key());
                    ps.setString(2, truncate(claim.staleReason(), 1000));
                    ps.setObject(3, now());
                    ps.setLong(4, stale);
                    ps.executeUpdate();
                }
            }
            if (claim.next() == null) return Optional.empty();
            NewAttempt n = claim.next();
            return Optional.of(insertRunning(c, experimentId, n.number(), n.attempt(), n.params(), n.point(), n.seed(), worker));
        });
    }

    @Override
    public List<TrialRecord> attempts(long experimentId, long afterId, java.util.Collection<Long> also) {
        return withConnection(c -> attempts(c, experimentId, afterId, also));
    }

    private List<TrialRecord> attempts(Connection c, long experimentId, long afterId, java.util.Collection<Long> also)
            throws SQLException {
        List<Long> ids = List.copyOf(also);
        StringBuilder sql = new StringBuilder("SELECT " + TRIAL_COLUMNS + " FROM trials WHERE experiment_id = ? AND (id > ?");
        if (!ids.isEmpty()) sql.append(" OR id IN (").append("?,".repeat(ids.size() - 1)).append("?)");
        sql.append(") ORDER BY id");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setLong(1, experimentId);
            ps.setLong(2, afterId);
            for (int i = 0; i < ids.size(); i++) ps.setLong(3 + i, ids.get(i));
            return trials(ps.executeQuery());
        }
    }

    @Override
    public void heartbeat(java.util.Collection<Long> trialIds) {
        if (trialIds.isEmpty()) return;
        withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET heartbeat_at = ? WHERE id = ? AND status = 'running'")) {
                OffsetDateTime now = now();
                for (long id : trialIds) {
                    ps.setObject(1, now);
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<ExperimentRecord> active() {
        return withConnection(c -> {
            List<ExperimentRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EXPERIMENT_COLUMNS
                    + " FROM experiments WHERE status IN ('queued', 'running') ORDER BY created_at, id")) {
                ResultSet rs = ps.executeQuery();
                while (rs.next()) out.add(experiment(rs));
            }
            return out;
        });
    }

    @Override
    public void recordEpoch(long trialId, EpochMetrics m) {
        // An upsert in one transaction: a retry after a commit whose reply was lost rewrites the same row.
        inTransaction(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE trial_epochs SET train_loss = ?, val_loss = ?, "
                    + "val_accuracy = ?, seconds = ?, samples_per_second = ? WHERE trial_id = ? AND epoch = ?")) {
                ps.setDouble(1, m.trainLoss());
                ps.setDouble(2, m.valLoss());
                ps.setDouble(3, m.valAccuracy());
                ps.setDouble(4, m.seconds());
                ps.setDouble(5, m.samplesPerSecond());
                ps.setLong(6, trialId);
                ps.setInt(7, m.epoch());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_epochs (trial_id, epoch, train_loss, val_loss, "
                        + "val_accuracy, seconds, samples_per_second) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, trialId);
                    ps.setInt(2, m.epoch());
                    ps.setDouble(3, m.trainLoss());
                    ps.setDouble(4, m.valLoss());
                    ps.setDouble(5, m.valAccuracy());
                    ps.setDouble(6, m.seconds());
                    ps.setDouble(7, m.samplesPerSecond());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET epochs_done = ?, heartbeat_at = ?, "
                    + "val_accuracy = ?, val_loss = ? WHERE id = ?")) {
                ps.setInt(1, m.epoch());
                ps.setObject(2, now());
                ps.setDouble(3, m.valAccuracy());
                ps.setDouble(4, m.valLoss());
                ps.setLong(5, trialId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void finish(long trialId, TrialStatus status, TrialResult r) {
        inTransaction(c -> {
            transition(c, trialId, status);
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET status = ?, val_accuracy = ?, val_loss = ?, "
                    + "test_accuracy = ?, test_loss = ?, objective = ?, epochs_done = ?, samples_per_second = ?, "
                    + "finished_at = ?, seconds = ?, stop_reason = ? WHERE id = ?")) {
                ps.setString(1, status.key());
                ps.setDouble(2, r.valAccuracy());
                ps.setDouble(3, r.valLoss());
                setNullable(ps, 4, r.test() == null ? null : r.test().accuracy());
                setNullable(ps, 5, r.test() == null ? null : r.test().loss());
                ps.setDouble(6, r.objective());
                ps.setInt(7, r.epochsDone());
                ps.setDouble(8, r.samplesPerSecond());
                ps.setObject(9, now());
                ps.setDouble(10, r.seconds());
                ps.setString(11, truncate(r.stopReason(), 1000));
                ps.setLong(12, trialId);
                ps.executeUpdate();
            }
            writeProvenance(c, trialId, r.provenance());
            if (r.test() != null) writeTestReport(c, trialId, r.test());
            if (r.test() != null && r.test().cost() != null) writeCost(c, trialId, r.test().cost());
            if (r.model() != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO trial_models (trial_id, format, size_bytes, model) VALUES (?, ?, ?, ?)")) {
                    ps.setLong(1, trialId);
                    ps.setString(2, "dl4j-zip");
                    ps.setLong(3, r.model().length);
                    ps.setBytes(4, r.model());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private void writeTestReport(Connection c, long trialId, TestReport test) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO trial_confusion (trial_id, true_label, predicted_label, cell_count) VALUES (?, ?, ?, ?)")) {
            int[][] m = test.confusion();
            for (int t = 0; t < m.length; t++) {
                for (int p = 0; p < m[t].length; p++) {
                    ps.setLong(1, trialId);
                    ps.setInt(2, t);
                    ps.setInt(3, p);
                    ps.setInt(4, m[t][p]);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_misclassified (trial_id, sample_index, true_label, "
                + "predicted_label, confidence) VALUES (?, ?, ?, ?, ?)")) {
            for (Misclassified miss : test.misclassified()) {
                ps.setLong(1, trialId);
                ps.setInt(2, miss.sampleIndex());
                ps.setInt(3, miss.trueLabel());
                ps.setInt(4, miss.predictedLabel());
                ps.setDouble(5, miss.confidence());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeCost(Connection c, long trialId, InferenceCost cost) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET parameters = ?, latency_ms = ?, latency_ms_256 = ?, "
                + "latency_calls_1 = ?, latency_calls_256 = ? WHERE id = ?")) {
            ps.setLong(1, cost.parameters());
            ps.setDouble(2, cost.latencyMs());
            ps.setDouble(3, cost.latencyMs256());
            ps.setInt(4, cost.calls1());
            ps.setInt(5, cost.calls256());
            ps.setLong(6, trialId);
            ps.executeUpdate();
        }
    }

    @Override
    public void end(long trialId, TrialStatus status, String reason, double seconds, Provenance provenance) {
        inTransaction(c -> {
            transition(c, trialId, status);
            String column = status == TrialStatus.FAILED ? "error" : "stop_reason";
            int limit = status == TrialStatus.FAILED ? 8000 : 1000;
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET status = ?, " + column + " = ?, finished_at = ?, "
                    + "seconds = ? WHERE id = ?")) {
                ps.setString(1, status.key());
                ps.setString(2, truncate(reason, limit));
                ps.setObject(3, now());
                ps.setDouble(4, seconds);
                ps.setLong(5, trialId);
                ps.executeUpdate();
            }
            writeProvenance(c, trialId, provenance);
            return null;
        });
    }

    private void writeProvenance(Connection c, long trialId, Provenance provenance) throws SQLException {
        if (provenance == null) return;
        try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET provenance_json = ? WHERE id = ?")) {
            ps.setString(1, json(provenance.toMap()));
            ps.setLong(2, trialId);
            ps.executeUpdate();
        }
    }

    private Map<String, Object> provenance(Connection c, long trialId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT provenance_json FROM trials WHERE id = ?")) {
            ps.setLong(1, trialId);
            ResultSet rs = ps.executeQuery();
            String text = rs.next() ? rs.getString(1) : null;
            if (text == null) return Map.of();
            try {
                return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (JsonProcessingException e) {
                throw new StoreException("trial " + trialId + " has unreadable provenance: " + e.getOriginalMessage(), e);
            }
        }
    }

    /** The one place trial state changes are checked. */
    private void transition(Connection c, long trialId, TrialStatus next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM trials WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, trialId);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) throw new StoreException("no trial with id " + trialId);
            TrialStatus current = TrialStatus.of(rs.getString(1));
            if (!current.canTransitionTo(next)) {
                throw new StoreException("trial " + trialId + " cannot go from " + current.key() + " to " + next.key());
            }
        }
    }

    @Override
    public List<TrialRecord> leaderboard(long experimentId, LeaderboardQuery q) {
        // Read before the page, so a change in between moves the marker again and the next call recomputes.
        return withConnection(c -> leaderboard(c, summaryMarker(c, experimentId), experimentId, q));
    }

    @Override
    public LeaderboardPage page(long experimentId, LeaderboardQuery q) {
        // One marker read for both: the page and its count are kept under the same marker.
        return withConnection(c -> {
            String marker = summaryMarker(c, experimentId);
            return new LeaderboardPage(leaderboard(c, marker, experimentId, q), count(c, marker, experimentId, q.statuses()));
        });
    }

    private List<TrialRecord> leaderboard(Connection c, String marker, long experimentId, LeaderboardQuery q) throws SQLException {
        // Two steps: the page's ids ordered over narrow columns (for objective, val_accuracy, test_accuracy and
        // number read from the covering indexes of V3, not from 10,000 full rows), then those rows by id.
        StringBuilder sql = new StringBuilder("SELECT id FROM trials WHERE experiment_id = ?");
        if (!q.statuses().isEmpty()) {
            sql.append(" AND status IN (").append(q.statuses().stream().map(s -> "?").collect(Collectors.joining(", "))).append(")");
        }
        Constraints limits = q.feasibleUnder();
        // An unmeasured trial (NULL) fails the comparison: infeasible under any limit, as Constraints.feasible says.
        if (limits.maxParameters() != null) sql.append(" AND parameters <= ?");
        if (limits.maxLatencyMs() != null) sql.append(" AND latency_ms <= ?");
        String column = q.sortBy().equals("number") ? "trial_number" : q.sortBy();
        // Missing values (failed trials) sort last whichever the direction.
        sql.append(" ORDER BY ").append(column).append(q.descending() ? " DESC" : " ASC").append(" NULLS LAST")
                .append(", trial_number ASC, attempt ASC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        PageKey key = new PageKey(experimentId, q);
        CachedPage cached = PAGE_SORTS.contains(q.sortBy()) ? pageCache.get(key) : null;
        if (cached != null && cached.marker().equals(marker)) return cached.rows();
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, experimentId);
            for (TrialStatus s : q.statuses().stream().sorted().toList()) ps.setString(i++, s.key());
            if (limits.maxParameters() != null) ps.setLong(i++, limits.maxParameters());
            if (limits.maxLatencyMs() != null) ps.setDouble(i++, limits.maxLatencyMs());
            ps.setInt(i++, q.offset());
            ps.setInt(i, q.limit());
            ResultSet rs = ps.executeQuery();
            while (rs.next()) ids.add(rs.getLong(1));
        }
        List<TrialRecord> rows = byIds(c, ids);
        if (PAGE_SORTS.contains(q.sortBy()) && rows.stream().allMatch(t -> t.status().isFinished())) {
            if (pageCache.size() >= MAX_CACHED_PAGES) pageCache.clear();
            pageCache.put(key, new CachedPage(marker, List.copyOf(rows)));
        }
        return rows;
    }

    /**
     * Leaderboard pages kept per summary marker. Only pages of finished rows sorted by a column that running
     * trials never have (objective and test accuracy are written when a trial finishes; numbers never change):
     * such a page changes only when a trial starts or finishes, which moves the marker. A page sorted by
     * validation accuracy or epochs, or holding a running trial, is read fresh every time (epochs update it).
     */
    private static final Set<String> PAGE_SORTS = Set.of("objective", "test_accuracy", "number");
    private static final int MAX_CACHED_PAGES = 256;

    private record PageKey(long experimentId, LeaderboardQuery query) {
    }

    private record CachedPage(String marker, List<TrialRecord> rows) {
    }

    private final Map<PageKey, CachedPage> pageCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** Full rows of these trials, in the order of {@code ids}. */
    private List<TrialRecord> byIds(Connection c, List<Long> ids) throws SQLException {
        Map<Long, TrialRecord> found = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TRIAL_COLUMNS + " FROM trials WHERE id IN ("
                    + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) ps.setLong(1 + i, chunk.get(i));
                for (TrialRecord t : trials(ps.executeQuery())) found.put(t.id(), t);
            }
        }
        List<TrialRecord> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            TrialRecord t = found.get(id);
            if (t != null) out.add(t);
        }
        return out;
    }

    @Override
    public int count(long experimentId, Set<TrialStatus> statuses) {
        // Counts by status change only when a trial starts or changes status: the summary marker says when.
        return withConnection(c -> count(c, summaryMarker(c, experimentId), experimentId, statuses));
    }

    private int count(Connection c, String marker, long experimentId, Set<TrialStatus> statuses) throws SQLException {
        CountKey key = new CountKey(experimentId, Set.copyOf(statuses));
        CachedCount cached = countCache.get(key);
        if (cached != null && cached.marker().equals(marker)) return cached.count();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM trials WHERE experiment_id = ?");
        if (!statuses.isEmpty()) {
            sql.append(" AND status IN (").append(statuses.stream().map(s -> "?").collect(Collectors.joining(", "))).append(")");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, experimentId);
            for (TrialStatus s : statuses.stream().sorted().toList()) ps.setString(i++, s.key());
            ResultSet rs = ps.executeQuery();
            rs.next();
            int n = rs.getInt(1);
            if (countCache.size() >= MAX_CACHED_PAGES) countCache.clear();
            countCache.put(key, new CachedCount(marker, n));
            return n;
        }
    }

    private record CountKey(long experimentId, Set<TrialStatus> statuses) {
    }

    private record CachedCount(String marker, int count) {
    }

    private final Map<CountKey, CachedCount> countCache = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public List<TrialRecord> all(long experimentId) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TRIAL_COLUMNS
                    + " FROM trials WHERE experiment_id = ? ORDER BY trial_number, attempt")) {
                ps.setLong(1, experimentId);
                return trials(ps.executeQuery());
            }
        });
    }

    @Override
    public Optional<TrialRecord> trial(long trialId) {
        return withConnection(c -> trial(c, trialId));
    }

    private Optional<TrialRecord> trial(Connection c, long trialId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TRIAL_COLUMNS + " FROM trials WHERE id = ?")) {
            ps.setLong(1, trialId);
            return trials(ps.executeQuery()).stream().findFirst();
        }
    }

    @Override
    public Optional<TrialRecord> byNumber(long experimentId, int number) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TRIAL_COLUMNS
                    + " FROM trials WHERE experiment_id = ? AND trial_number = ? ORDER BY attempt DESC FETCH FIRST 1 ROWS ONLY")) {
                ps.setLong(1, experimentId);
                ps.setInt(2, number);
                return trials(ps.executeQuery()).stream().findFirst();
            }
        });
    }

    @Override
    public Optional<TrialDetail> detail(long trialId) {
        return withConnection(c -> {
            Optional<TrialRecord> found = trial(c, trialId);
            if (found.isEmpty()) return Optional.empty();
            TrialRecord t = found.get();
            List<EpochMetrics> epochs = epochs(c, trialId);
            int[][] confusion = new int[0][0];
            try (PreparedStatement ps = c.prepareStatement("SELECT true_label, predicted_label, cell_count FROM trial_confusion "
                    + "WHERE trial_id = ?")) {
                ps.setLong(1, trialId);
                ResultSet rs = ps.executeQuery();
                List<int[]> cells = new ArrayList<>();
                int size = 0;
                while (rs.next()) {
                    cells.add(new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)});
                    size = Math.max(size, Math.max(rs.getInt(1), rs.getInt(2)) + 1);
                }
                confusion = new int[size][size];
                for (int[] cell : cells) confusion[cell[0]][cell[1]] = cell[2];
            }
            List<Misclassified> misses = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sample_index, true_label, predicted_label, confidence "
                    + "FROM trial_misclassified WHERE trial_id = ? ORDER BY confidence DESC, sample_index")) {
                ps.setLong(1, trialId);
                ResultSet rs = ps.executeQuery();
                while (rs.next()) misses.add(new Misclassified(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getDouble(4)));
            }
            List<TrialRecord> attempts;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TRIAL_COLUMNS
                    + " FROM trials WHERE experiment_id = ? AND trial_number = ? ORDER BY attempt")) {
                ps.setLong(1, t.experimentId());
                ps.setInt(2, t.number());
                attempts = trials(ps.executeQuery());
            }
            return Optional.of(new TrialDetail(t, epochs, confusion, misses, attempts, provenance(c, trialId)));
        });
    }

    private List<EpochMetrics> epochs(Connection c, long trialId) throws SQLException {
        List<EpochMetrics> epochs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch, train_loss, val_loss, val_accuracy, seconds, "
                + "samples_per_second FROM trial_epochs WHERE trial_id = ? ORDER BY epoch")) {
            ps.setLong(1, trialId);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                epochs.add(new EpochMetrics(rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6)));
            }
        }
        return epochs;
    }

    @Override
    public Map<Long, List<EpochMetrics>> curves(long experimentId) {
        return curves(experimentId, null);
    }

    @Override
    public Map<Long, List<EpochMetrics>> curves(long experimentId, java.util.Collection<Long> trialIds) {
        List<Long> ids = trialIds == null ? List.of() : List.copyOf(trialIds);
        if (trialIds != null && ids.isEmpty()) return Map.of();
        String only = ids.isEmpty() ? "" : " AND e.trial_id IN (" + "?,".repeat(ids.size() - 1) + "?)";
        return withConnection(c -> {
            Map<Long, List<EpochMetrics>> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.trial_id, e.epoch, e.train_loss, e.val_loss, e.val_accuracy, "
                    + "e.seconds, e.samples_per_second FROM trial_epochs e JOIN trials t ON t.id = e.trial_id "
                    + "WHERE t.experiment_id = ?" + only + " ORDER BY e.trial_id, e.epoch")) {
                ps.setLong(1, experimentId);
                for (int i = 0; i < ids.size(); i++) ps.setLong(2 + i, ids.get(i));
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new EpochMetrics(rs.getInt(2),
                            rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)));
                }
            }
            return out;
        });
    }

    @Override
    public List<TrialPoint> points(long experimentId) {
        // Only the columns the charts use; params stay JSON text until mapped. Ordered by finish time
        // so "best so far" follows the order results arrived in.
        return withConnection(c -> {
            List<TrialPoint> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, trial_number, status, params_json, objective, "
                    + "val_accuracy, finished_at FROM trials WHERE experiment_id = ? "
                    + "AND status IN ('completed', 'pruned', 'failed') ORDER BY finished_at, trial_number, attempt")) {
                ps.setLong(1, experimentId);
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    out.add(new TrialPoint(rs.getLong(1), rs.getInt(2), TrialStatus.of(rs.getString(3)), params(rs.getString(4)),
                            nullableDouble(rs, "objective"), nullableDouble(rs, "val_accuracy"), instant(rs, "finished_at")));
                }
            }
            return out;
        });
    }

    @Override
    public List<HardSample> hardest(java.util.Collection<Long> trialIds, int limit) {
        List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(trialIds));
        if (ids.isEmpty() || limit < 1) return List.of();
        // Every misclassified test image of every trial is a row (TrialTrainer keeps them all), so counts are exact.
        // Grouped by wrong label too, so each image's most common wrong answer comes from the same one pass.
        return withConnection(c -> {
            Map<Integer, int[]> perSample = new LinkedHashMap<>();   // index -> [true label, wrong count, votes per label...]
            try (PreparedStatement ps = c.prepareStatement("SELECT sample_index, true_label, predicted_label, COUNT(*) "
                    + "FROM trial_misclassified WHERE trial_id IN (" + "?,".repeat(ids.size() - 1) + "?) "
                    + "GROUP BY sample_index, true_label, predicted_label")) {
                for (int i = 0; i < ids.size(); i++) ps.setLong(1 + i, ids.get(i));
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    int predicted = rs.getInt(3);
                    int[] acc = perSample.computeIfAbsent(rs.getInt(1), k -> new int[2 + 256]);
                    acc[0] = rs.getInt(2);
                    acc[1] += rs.getInt(4);
                    if (predicted >= 0 && predicted < 256) acc[2 + predicted] += rs.getInt(4);
                }
            }
            List<HardSample> out = new ArrayList<>(perSample.size());
            perSample.forEach((index, acc) -> {
                int label = 0;
                for (int l = 1; l < 256; l++) if (acc[2 + l] > acc[2 + label]) label = l;   // ties: the lower label
                out.add(new HardSample(index, acc[0], acc[1], ids.size(), label, acc[2 + label]));
            });
            out.sort(java.util.Comparator.comparingInt(HardSample::wrong).reversed().thenComparingInt(HardSample::sampleIndex));
            return List.copyOf(out.subList(0, Math.min(limit, out.size())));
        });
    }

    @Override
    public String changes(long experimentId) {
        // The count, because a finish from a worker whose clock runs behind does not move the latest time; the
        // latest time comes free with it. Both are read from index trials_by_finished (V2).
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(finished_at), MAX(finished_at) FROM trials "
                    + "WHERE experiment_id = ? AND finished_at IS NOT NULL")) {
                ps.setLong(1, experimentId);
                ResultSet rs = ps.executeQuery();
                rs.next();
                return rs.getLong(1) + "|" + rs.getString(2);
            }
        });
    }

    /**
     * What the summary counts depend on: {@link #changes} plus the number of attempts (a start moves the
     * running count). Every status change of a trial sets its finished_at. Read from index trials_by_finished.
     */
    private static String summaryMarker(Connection c, long experimentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COUNT(finished_at), MAX(finished_at) FROM trials "
                + "WHERE experiment_id = ?")) {
            ps.setLong(1, experimentId);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return marker(rs.getLong(1), rs.getLong(2), rs.getString(3));
        }
    }

    private static String marker(long attempts, long finished, String latestFinish) {
        return attempts + "|" + finished + "|" + latestFinish;
    }

    @Override
    public String fingerprint() {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM experiments), "
                    + "(SELECT COUNT(*) FROM trials), (SELECT COUNT(*) FROM trial_epochs), "
                    + "(SELECT MAX(finished_at) FROM trials), (SELECT MAX(started_at) FROM trials), "
                    + "(SELECT MAX(COALESCE(finished_at, started_at, created_at)) FROM experiments), "
                    + "(SELECT COUNT(*) FROM trials WHERE status = 'running'), "
                    + "(SELECT COUNT(*) FROM experiments WHERE status IN ('running', 'queued'))")) {
                ResultSet rs = ps.executeQuery();
                rs.next();
                StringBuilder out = new StringBuilder();
                for (int i = 1; i <= 8; i++) out.append(rs.getString(i)).append('|');
                return out.toString();
            }
        });
    }

    @Override
    public int stopRunning(long experimentId, String reason) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET status = ?, stop_reason = ?, finished_at = ? "
                    + "WHERE experiment_id = ? AND status IN ('running', 'queued')")) {
                ps.setString(1, TrialStatus.STOPPED.key());
                ps.setString(2, truncate(reason, 1000));
                ps.setObject(3, now());
                ps.setLong(4, experimentId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<byte[]> model(long trialId) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT model FROM trial_models WHERE trial_id = ?")) {
                ps.setLong(1, trialId);
                ResultSet rs = ps.executeQuery();
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        });
    }

    @Override
    public boolean hasModel(long trialId) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM trial_models WHERE trial_id = ?")) {
                ps.setLong(1, trialId);
                return ps.executeQuery().next();
            }
        });
    }

    @Override
    public void saveRetrained(Retrained r, byte[] model) {
        // Delete then insert in one transaction: a repeat (a retry, or a forced retrain) leaves one row.
        inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM retrained_models WHERE trial_id = ?")) {
                del.setLong(1, r.trialId());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO retrained_models (trial_id, epochs, train_size, test_size, "
                    + "test_accuracy, test_loss, seconds, created_at, size_bytes, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, r.trialId());
                ps.setInt(2, r.epochs());
                ps.setInt(3, r.trainSize());
                ps.setInt(4, r.testSize());
                ps.setDouble(5, r.testAccuracy());
                ps.setDouble(6, r.testLoss());
                ps.setDouble(7, r.seconds());
                ps.setObject(8, OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC));
                ps.setLong(9, model.length);
                ps.setBytes(10, model);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Retrained> retrained(long trialId) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT trial_id, epochs, train_size, test_size, test_accuracy, "
                    + "test_loss, seconds, created_at, size_bytes FROM retrained_models WHERE trial_id = ?")) {
                ps.setLong(1, trialId);
                ResultSet rs = ps.executeQuery();
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Retrained(rs.getLong("trial_id"), rs.getInt("epochs"), rs.getInt("train_size"),
                        rs.getInt("test_size"), rs.getDouble("test_accuracy"), rs.getDouble("test_loss"), rs.getDouble("seconds"),
                        instant(rs, "created_at"), rs.getLong("size_bytes")));
            }
        });
    }

    @Override
    public Optional<byte[]> retrainedModel(long trialId) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT model FROM retrained_models WHERE trial_id = ?")) {
                ps.setLong(1, trialId);
                ResultSet rs = ps.executeQuery();
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }

    // ---------------------------------------------------------------- mapping

    private static ExperimentRecord experiment(ResultSet rs) throws SQLException {
        return new ExperimentRecord(rs.getLong("id"), rs.getString("name"), ExperimentStatus.of(rs.getString("status")),
                rs.getString("spec_text"), rs.getString("spec_hash"), rs.getString("data_hash"),
                new Objective(rs.getString("objective_metric"), rs.getString("objective_direction")), rs.getInt("trial_budget"),
                rs.getInt("parallelism"), instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                rs.getString("error"));
    }

    private static List<TrialRecord> trials(ResultSet rs) throws SQLException {
        List<TrialRecord> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new TrialRecord(rs.getLong("id"), rs.getLong("experiment_id"), rs.getInt("trial_number"),
                    rs.getInt("attempt"), TrialStatus.of(rs.getString("status")), params(rs.getString("params_json")),
                    point(rs.getString("point_json")), rs.getLong("seed"), nullableDouble(rs, "val_accuracy"),
                    nullableDouble(rs, "val_loss"), nullableDouble(rs, "test_accuracy"), nullableDouble(rs, "test_loss"),
                    nullableDouble(rs, "objective"), rs.getInt("epochs_done"), nullableDouble(rs, "samples_per_second"),
                    instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                    nullableDouble(rs, "seconds"), rs.getString("error"), rs.getString("stop_reason"), rs.getString("worker"),
                    instant(rs, "heartbeat_at"), cost(rs)));
        }
        return out;
    }

    private static InferenceCost cost(ResultSet rs) throws SQLException {
        long parameters = rs.getLong("parameters");
        if (rs.wasNull()) return null;
        return new InferenceCost(parameters, rs.getDouble("latency_ms"), rs.getDouble("latency_ms_256"),
                rs.getInt("latency_calls_1"), rs.getInt("latency_calls_256"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static void setNullable(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) ps.setNull(index, Types.DOUBLE);
        else ps.setDouble(index, value);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode " + value, e);
        }
    }

    private static Map<String, Number> params(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Number>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt params_json: " + json, e);
        }
    }

    private static double[] point(String json) {
        try {
            return JSON.readValue(json, double[].class);
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt point_json: " + json, e);
        }
    }
}
