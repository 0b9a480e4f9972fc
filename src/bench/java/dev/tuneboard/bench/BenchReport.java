package dev.tuneboard.bench;

import java.util.List;
import java.util.Map;

/**
 * One bench run: where and how it ran, every variant's medians and rounds, and the headline numbers
 * and targets derived from them (all ratios come from the same run).
 */
public record BenchReport(String date, Map<String, Object> machine, Map<String, Object> config,
                          List<VariantSummary> variants, Map<String, Object> headline,
                          Map<String, Boolean> targets) {
}
