package dev.tuneboard.search.arbiter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Points a generator handed out that are still training: TPE counts them as bad, genetic never breeds them again. */
final class PendingPoints {
    private final List<double[]> points = new ArrayList<>();

    void add(double[] point) {
        points.add(point.clone());
    }

    /** Removes one copy only: in a small discrete space two workers can be training the same point. */
    void finished(double[] point) {
        for (int i = 0; i < points.size(); i++) {
            if (Arrays.equals(points.get(i), point)) {
                points.remove(i);
                return;
            }
        }
    }

    List<double[]> all() {
        return List.copyOf(points);
    }
}
