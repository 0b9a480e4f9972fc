package dev.tuneboard.store;

/** The three store roles together, as one database provides them. */
public interface Store extends ExperimentStore, TrialStore, ArtifactStore, AutoCloseable {
    @Override
    void close();
}
