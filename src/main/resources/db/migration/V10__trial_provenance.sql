-- How each trial was made (versions, machine, threads, fast paths, worker), written when it finishes.
-- V10 leaves room below for index migrations made at the same time.
ALTER TABLE trials ADD COLUMN provenance_json ${text};
