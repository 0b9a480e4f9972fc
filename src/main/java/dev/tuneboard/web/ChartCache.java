package dev.tuneboard.web;

import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.TrialStore;
import dev.tuneboard.trial.TrialPoint;
import dev.tuneboard.web.dto.ExperimentDetail.HistoryPoint;
import dev.tuneboard.web.dto.ExperimentDetail.Importance;
import dev.tuneboard.web.dto.ExperimentDetail.Parallel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The experiment page's chart aggregates, kept per experiment and recomputed only when its trials changed
 * ({@link TrialStore#changes}): with 10,000 trials re-reading and re-ranking them on every poll of every
 * open tab costs far more than the one small query that says nothing changed. Other processes write to
 * the same database, so the store, not this process, says what changed.
 */
final class ChartCache {
    /** Plenty for the experiments one dashboard shows; past it the cache starts over rather than grow. */
    private static final int MAX_EXPERIMENTS = 256;

    record Charts(List<HistoryPoint> history, Parallel parallel, Importance importance) {
    }

    private record Entry(String marker, Charts charts) {
    }

    private final TrialStore store;
    private final Map<Long, Entry> byExperiment = new ConcurrentHashMap<>();

    ChartCache(TrialStore store) {
        this.store = store;
    }

    Charts of(ExperimentRecord e) {
        // The marker is read before the points: a trial finishing in between changes the marker again,
        // so the next request recomputes instead of keeping points older than their marker.
        String marker = store.changes(e.id());
        Entry cached = byExperiment.get(e.id());
        if (cached != null && cached.marker().equals(marker)) return cached.charts();
        List<TrialPoint> points = store.points(e.id());
        Charts charts = new Charts(Aggregates.history(points, e.maximize()), Aggregates.parallel(points),
                Aggregates.importance(points));
        if (byExperiment.size() >= MAX_EXPERIMENTS) byExperiment.clear();
        byExperiment.put(e.id(), new Entry(marker, charts));
        return charts;
    }
}
