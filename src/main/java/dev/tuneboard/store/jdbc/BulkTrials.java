package dev.tuneboard.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.store.StoreException;
import dev.tuneboard.store.TrialStore;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.TrialStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes already-finished trials in one transaction with batched inserts: the same rows the runner's
 * start, recordEpoch and finish calls leave behind, for benchmarks that need 10,000 stored trials
 * (12 commits per trial through the Store API took 11.5 minutes; this takes well under one).
 * Not used by training: a real trial's rows are written as it runs.
 */
public final class BulkTrials {
    private final Database db;
    private final ObjectMapper json = new ObjectMapper();

    public BulkTrials(Database db) {
        this.db = db;
    }

    /** A trial as it stands after {@code finish}. */
    public record Finished(int number, int attempt, TrialStatus status, Map<String, Number> params, double[] point,
                           long seed, String worker, List<EpochMetrics> epochs, TrialStore.TrialResult result,
                           Instant startedAt, Instant finishedAt) {
        public Finished {
            if (status != TrialStatus.COMPLETED && status != TrialStatus.PRUNED) {
                throw new IllegalArgumentException("a finished trial is completed or pruned, not " + status.key());
            }
            epochs = List.copyOf(epochs);
        }
    }

    public void insert(long experimentId, List<Finished> trials) {
        try (Connection c = db.connection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<Long> ids = insertTrials(c, experimentId, trials);
                insertDetails(c, ids, trials);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    private List<Long> insertTrials(Connection c, long experimentId, List<Finished> trials) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trials (experiment_id, trial_number, attempt, status, "
                + "params_json, point_json, seed, val_accuracy, val_loss, test_accuracy, test_loss, objective, epochs_done, "
                + "samples_per_second, created_at, started_at, finished_at, seconds, stop_reason, worker, heartbeat_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            for (Finished t : trials) {
                TrialStore.TrialResult r = t.result();
                OffsetDateTime started = OffsetDateTime.ofInstant(t.startedAt(), ZoneOffset.UTC);
                OffsetDateTime finished = OffsetDateTime.ofInstant(t.finishedAt(), ZoneOffset.UTC);
                int i = 1;
                ps.setLong(i++, experimentId);
                ps.setInt(i++, t.number());
                ps.setInt(i++, t.attempt());
                ps.setString(i++, t.status().key());
                ps.setString(i++, json(t.params()));
                ps.setString(i++, json(t.point()));
                ps.setLong(i++, t.seed());
                ps.setDouble(i++, r.valAccuracy());
                ps.setDouble(i++, r.valLoss());
                nullable(ps, i++, r.test() == null ? null : r.test().accuracy());
                nullable(ps, i++, r.test() == null ? null : r.test().loss());
                ps.setDouble(i++, r.objective());
                ps.setInt(i++, r.epochsDone());
                ps.setDouble(i++, r.samplesPerSecond());
                ps.setObject(i++, started);
                ps.setObject(i++, started);
                ps.setObject(i++, finished);
                ps.setDouble(i++, r.seconds());
                ps.setString(i++, r.stopReason());
                ps.setString(i++, t.worker());
                ps.setObject(i, finished);
                ps.executeUpdate();
                ResultSet keys = ps.getGeneratedKeys();
                keys.next();
                ids.add(keys.getLong(1));
            }
        }
        return ids;
    }

    private void insertDetails(Connection c, List<Long> ids, List<Finished> trials) throws SQLException {
        try (PreparedStatement epochs = c.prepareStatement("INSERT INTO trial_epochs (trial_id, epoch, train_loss, val_loss, "
                + "val_accuracy, seconds, samples_per_second) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement cells = c.prepareStatement(
                     "INSERT INTO trial_confusion (trial_id, true_label, predicted_label, cell_count) VALUES (?, ?, ?, ?)");
             PreparedStatement misses = c.prepareStatement("INSERT INTO trial_misclassified (trial_id, sample_index, "
                     + "true_label, predicted_label, confidence) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement models = c.prepareStatement(
                     "INSERT INTO trial_models (trial_id, format, size_bytes, model) VALUES (?, ?, ?, ?)")) {
            for (int k = 0; k < ids.size(); k++) {
                long id = ids.get(k);
                Finished t = trials.get(k);
                for (EpochMetrics m : t.epochs()) {
                    epochs.setLong(1, id);
                    epochs.setInt(2, m.epoch());
                    epochs.setDouble(3, m.trainLoss());
                    epochs.setDouble(4, m.valLoss());
                    epochs.setDouble(5, m.valAccuracy());
                    epochs.setDouble(6, m.seconds());
                    epochs.setDouble(7, m.samplesPerSecond());
                    epochs.addBatch();
                }
                var test = t.result().test();
                if (test != null) {
                    int[][] m = test.confusion();
                    for (int a = 0; a < m.length; a++) {
                        for (int p = 0; p < m[a].length; p++) {
                            cells.setLong(1, id);
                            cells.setInt(2, a);
                            cells.setInt(3, p);
                            cells.setInt(4, m[a][p]);
                            cells.addBatch();
                        }
                    }
                    for (Misclassified miss : test.misclassified()) {
                        misses.setLong(1, id);
                        misses.setInt(2, miss.sampleIndex());
                        misses.setInt(3, miss.trueLabel());
                        misses.setInt(4, miss.predictedLabel());
                        misses.setDouble(5, miss.confidence());
                        misses.addBatch();
                    }
                }
                byte[] model = t.result().model();
                if (model != null) {
                    models.setLong(1, id);
                    models.setString(2, "dl4j-zip");
                    models.setLong(3, model.length);
                    models.setBytes(4, model);
                    models.addBatch();
                }
            }
            epochs.executeBatch();
            cells.executeBatch();
            misses.executeBatch();
            models.executeBatch();
        }
    }

    private static void nullable(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) ps.setNull(index, Types.DOUBLE);
        else ps.setDouble(index, value);
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode " + value, e);
        }
    }
}
