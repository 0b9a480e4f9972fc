-- Leaderboard pages (JdbcStore.leaderboard) first read the ordered ids of one page: with the sort column,
-- the tie-breakers and the status filter in one index, the database reads 10,000 index entries instead of
-- 10,000 full rows. They replace V1's two-column indexes on the same sort columns.
CREATE INDEX trials_board_objective ON trials (experiment_id, objective, trial_number, attempt, status);
CREATE INDEX trials_board_val_accuracy ON trials (experiment_id, val_accuracy, trial_number, attempt, status);
CREATE INDEX trials_board_test_accuracy ON trials (experiment_id, test_accuracy, trial_number, attempt, status);
CREATE INDEX trials_board_number ON trials (experiment_id, trial_number, attempt, status);
DROP INDEX trials_by_objective;
DROP INDEX trials_by_val_accuracy;
DROP INDEX trials_by_test_accuracy;
