package dev.tuneboard.web.dto;

import java.util.List;
import java.util.Map;

/** One experiment with its spec and the aggregates its charts draw. */
public record ExperimentDetail(ExperimentView experiment, String spec, Map<String, String> space,
                               List<HistoryPoint> history, Parallel parallel, Importance importance) {

    /** A finished trial's objective in the order results arrived, and the best so far at that point. */
    public record HistoryPoint(int number, long trialId, String status, Double objective, Double bestSoFar) {
    }

    /** Parallel coordinates: one row per completed trial, values in {@code dimensions} order (objective last). */
    public record Parallel(List<String> dimensions, List<Integer> numbers, List<List<Double>> rows) {
    }

    /** How much each parameter seems to matter, with the method named for the page. */
    public record Importance(String method, int trials, List<Entry> params) {
        /**
         * {@code trials}: how many completed trials the score used; {@code measure}: "spearman" or "eta";
         * {@code chance}: the score that 1 in 20 parameters with no link to the objective would reach over that many
         * trials (null when undefined): a score below it says nothing.
         */
        public record Entry(String param, Double score, int trials, String measure, Double chance) {
        }
    }
}
