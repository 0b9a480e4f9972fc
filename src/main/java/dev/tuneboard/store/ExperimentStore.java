package dev.tuneboard.store;

import java.util.List;
import java.util.Optional;

public interface ExperimentStore {

    /** Creates the experiment; fails with {@link StoreException} when the name is taken. */
    ExperimentRecord create(NewExperiment experiment);

    Optional<ExperimentRecord> find(String name);

    Optional<ExperimentSummary> summary(String name);

    List<ExperimentSummary> list();

    /** Experiments workers should serve: queued or running. */
    List<ExperimentRecord> active();

    void setStatus(long experimentId, ExperimentStatus status, String error);
}
