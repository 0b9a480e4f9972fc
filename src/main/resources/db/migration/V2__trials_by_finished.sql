-- The per-experiment change marker the dashboard's chart cache asks for on every experiment page
-- (JdbcStore.changes: COUNT and MAX of finished_at): answered from this index, not the table.
CREATE INDEX trials_by_finished ON trials (experiment_id, finished_at);
