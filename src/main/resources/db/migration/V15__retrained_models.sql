-- A trial's configuration retrained on training + validation for its best epoch count (export --retrain-full,
-- the dashboard's retrain button). The trial stays the selection record; this is a separate, final model.
CREATE TABLE retrained_models (
    trial_id      BIGINT           NOT NULL PRIMARY KEY REFERENCES trials (id) ON DELETE CASCADE,
    epochs        INT              NOT NULL,
    train_size    INT              NOT NULL,
    test_size     INT              NOT NULL,
    test_accuracy DOUBLE PRECISION NOT NULL,
    test_loss     DOUBLE PRECISION NOT NULL,
    seconds       DOUBLE PRECISION NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    size_bytes    BIGINT           NOT NULL,
    model         ${blob}          NOT NULL
);
