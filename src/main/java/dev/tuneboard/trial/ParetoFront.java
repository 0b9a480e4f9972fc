package dev.tuneboard.trial;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The trials no other trial beats on both objectives at once. One trial dominates another when it is at least as
 * good on both and strictly better on one; trials with equal values on both are all on the front (neither
 * dominates). A trial with NaN (or no value) on either objective is never on the front and dominates nothing:
 * a diverged or unmeasured trial is not a trade-off anyone can ship.
 */
public record ParetoFront(Objective first, Objective second) {
    public ParetoFront {
        if (first == null || second == null) throw new IllegalArgumentException("a Pareto front needs two objectives");
    }

    /** Ids of the trials on the front, best on the first objective first. O(n log n): sort, then one sweep. */
    public Set<Long> of(List<TrialRecord> trials) {
        List<TrialRecord> measured = new ArrayList<>();
        for (TrialRecord t : trials) {
            if (!Double.isNaN(first.value(t)) && !Double.isNaN(second.value(t))) measured.add(t);
        }
        Comparator<TrialRecord> byFirst = (a, b) -> compare(first, first.value(a), first.value(b));
        Comparator<TrialRecord> bySecond = (a, b) -> compare(second, second.value(a), second.value(b));
        measured.sort(byFirst.thenComparing(bySecond).thenComparingInt(TrialRecord::number).thenComparingInt(TrialRecord::attempt));
        Set<Long> front = new LinkedHashSet<>();
        double bestSecondOfBetterFirst = Double.NaN;   // NaN: no trial strictly better on the first objective yet
        int i = 0;
        while (i < measured.size()) {
            // One group: equal on the first objective; sorted, so its best second value comes first.
            double groupFirst = first.value(measured.get(i));
            double groupBestSecond = second.value(measured.get(i));
            int j = i;
            while (j < measured.size() && Double.compare(first.value(measured.get(j)), groupFirst) == 0) {
                TrialRecord t = measured.get(j);
                boolean bestInGroup = Double.compare(second.value(t), groupBestSecond) == 0;
                boolean beatsBetterFirst = Double.isNaN(bestSecondOfBetterFirst) || second.better(groupBestSecond, bestSecondOfBetterFirst);
                if (bestInGroup && beatsBetterFirst) front.add(t.id());
                j++;
            }
            if (Double.isNaN(bestSecondOfBetterFirst) || second.better(groupBestSecond, bestSecondOfBetterFirst)) {
                bestSecondOfBetterFirst = groupBestSecond;
            }
            i = j;
        }
        return front;
    }

    /** True when {@code a} is at least as good as {@code b} on both objectives and strictly better on one. */
    public boolean dominates(TrialRecord a, TrialRecord b) {
        double a1 = first.value(a), a2 = second.value(a), b1 = first.value(b), b2 = second.value(b);
        if (Double.isNaN(a1) || Double.isNaN(a2)) return false;
        if (Double.isNaN(b1) || Double.isNaN(b2)) return true;
        boolean noWorse = !first.worse(a1, b1) && !second.worse(a2, b2);
        return noWorse && (first.better(a1, b1) || second.better(a2, b2));
    }

    /** Best first. */
    private static int compare(Objective o, double a, double b) {
        if (o.better(a, b)) return -1;
        if (o.better(b, a)) return 1;
        return 0;
    }
}
