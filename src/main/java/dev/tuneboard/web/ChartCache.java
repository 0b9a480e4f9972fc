package dev.tuneboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** The aggregates and their JSON, serialised once per change rather than once per request (~1 MB at 10,000 trials). */
    record Charts(List<HistoryPoint> history, Parallel parallel, Importance importance, String historyJson,
                  String parallelJson, String importanceJson) {
    }

    private record Entry(String marker, ParamKinds kinds, Charts charts) {
    }

    private final TrialStore store;
    private final ObjectMapper json;
    private final Map<Long, Entry> byExperiment = new ConcurrentHashMap<>();

    ChartCache(TrialStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** {@code kinds} come from the experiment's fixed spec; compared too, so an entry never answers for other kinds. */
    Charts of(ExperimentRecord e, ParamKinds kinds) {
        // The marker is read before the points: a trial finishing in between changes the marker again,
        // so the next request recomputes instead of keeping points older than their marker.
        String marker = store.changes(e.id());
        Entry cached = byExperiment.get(e.id());
        if (cached != null && cached.marker().equals(marker) && cached.kinds().equals(kinds)) return cached.charts();
        List<TrialPoint> points = store.points(e.id());
        List<HistoryPoint> history = Aggregates.history(points, e.maximize());
        Parallel parallel = Aggregates.parallel(points, kinds);
        Importance importance = Aggregates.importance(points, kinds);
        Charts charts;
        try {
            charts = new Charts(history, parallel, importance, json.writeValueAsString(history),
                    json.writeValueAsString(parallel), json.writeValueAsString(importance));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise the charts of " + e.name(), ex);
        }
        if (byExperiment.size() >= MAX_EXPERIMENTS) byExperiment.clear();
        byExperiment.put(e.id(), new Entry(marker, kinds, charts));
        return charts;
    }
}
