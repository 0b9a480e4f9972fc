package dev.tuneboard.web.dto;

import dev.tuneboard.trial.TrialRow;

import java.util.List;

/** One page of the leaderboard and how many trials match the filter in all. */
public record TrialPage(int total, int offset, int limit, String sort, String order, List<TrialRow> rows) {
}
