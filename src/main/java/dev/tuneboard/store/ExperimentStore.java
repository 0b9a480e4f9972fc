package dev.tuneboard.store;

import java.util.List;
import java.util.Optional;

public interface ExperimentStore {

    /** Creates the experiment; fails with {@link StoreException} when the name is taken. */
    ExperimentRecord create(NewExperiment experiment);

    Optional<ExperimentRecord> find(String name);

    Optional<ExperimentRecord> findById(long id);

    Optional<ExperimentSummary> summary(String name);

    List<ExperimentSummary> list();

    /** Experiments workers should serve: queued or running. */
    List<ExperimentRecord> active();

    /**
     * A cheap value that changes whenever any experiment, trial or epoch is written (by this process or
     * another one sharing the database): the dashboard polls it to push live updates.
     */
    String fingerprint();

    void setStatus(long experimentId, ExperimentStatus status, String error);
}
