-- What each finished trial's network costs to use (TrialTrainer measures it after the test pass): weights and
-- biases, median one-thread CPU milliseconds of a forward pass at batch 1 and batch 256, and how many timed calls
-- each median is of. NULL for trials stored before V11 and for failed or stopped ones.
ALTER TABLE trials ADD COLUMN parameters BIGINT;
ALTER TABLE trials ADD COLUMN latency_ms DOUBLE PRECISION;
ALTER TABLE trials ADD COLUMN latency_ms_256 DOUBLE PRECISION;
ALTER TABLE trials ADD COLUMN latency_calls_1 INT;
ALTER TABLE trials ADD COLUMN latency_calls_256 INT;
