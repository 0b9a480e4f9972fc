package dev.tuneboard.trial;

import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.TimedTrials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Best-so-far curves from trials stored in a real H2 database, and the median and spread over runs. */
class AnytimeCurveTest {
    @TempDir
    Path dir;

    private static AnytimeCurve curve(TimedTrials db, ExperimentRecord e) {
        return new AnytimeCurve(e.name(), e.objective(), e.startedAt(), db.store().all(e.id()));
    }

    @Test
    void only_completed_trials_that_beat_every_earlier_one_make_a_step_at_their_finish_time() {
        try (TimedTrials db = new TimedTrials(dir)) {
            ExperimentRecord e = db.experiment("steps");
            db.finished(e, 0, TrialStatus.COMPLETED, 2.0, 0.90, 0.91);
            db.finished(e, 1, TrialStatus.PRUNED, 3.0, 0.99, 0.99);     // a pruned trial's value is from fewer epochs
            db.finished(e, 3, TrialStatus.COMPLETED, 6.0, 0.95, 0.94);  // finishes after 2, though numbered later
            db.finished(e, 2, TrialStatus.COMPLETED, 4.0, 0.88, 0.89);  // worse than trial 0: no step
            db.failed(e, 4, 7.5);
            AnytimeCurve c = curve(db, e);
            assertEquals(List.of(new AnytimeCurve.Step(2.0, 0.90, 0), new AnytimeCurve.Step(6.0, 0.95, 3)), c.steps());
            assertEquals(7.5, c.endMinutes(), 1e-9, "the curve lasts until the last attempt ended");
            assertTrue(Double.isNaN(c.at(1.99)));
            assertEquals(0.90, c.at(2.0));
            assertEquals(0.90, c.at(5.9));
            assertEquals(0.95, c.at(100));
            assertEquals(0.95, c.last());
        }
    }

    @Test
    void without_an_experiment_start_the_first_attempt_starts_the_clock_and_val_loss_steps_down() {
        Objective loss = new Objective(Objective.Metric.VAL_LOSS, Objective.Direction.MINIMIZE);
        try (TimedTrials db = new TimedTrials(dir)) {
            ExperimentRecord e = db.experiment("loss");
            db.finished(e, 0, TrialStatus.COMPLETED, 1.5, 0.90, 0.90);   // every trial stores val loss 0.3
            AnytimeCurve c = new AnytimeCurve("loss", loss, null, db.store().all(e.id()));
            assertEquals(List.of(new AnytimeCurve.Step(1.5, 0.3, 0)), c.steps());
        }
        assertThrows(IllegalArgumentException.class, () -> new AnytimeCurve("x", Objective.VAL_ACCURACY,
                List.of(new AnytimeCurve.Step(1, 0.9, 0), new AnytimeCurve.Step(2, 0.8, 1)), 3), "a best-so-far never gets worse");
    }

    @Test
    void a_band_is_the_median_run_with_the_worst_and_best_and_a_run_without_a_result_counts_as_worst() {
        Objective acc = Objective.VAL_ACCURACY;
        AnytimeCurve a = new AnytimeCurve("m-s1", acc, List.of(new AnytimeCurve.Step(1, 0.90, 0), new AnytimeCurve.Step(5, 0.97, 4)), 10);
        AnytimeCurve b = new AnytimeCurve("m-s2", acc, List.of(new AnytimeCurve.Step(2, 0.93, 1)), 10);
        AnytimeCurve c = new AnytimeCurve("m-s3", acc, List.of(new AnytimeCurve.Step(4, 0.95, 2)), 10);
        AnytimeBand band = new AnytimeBand("m", acc, List.of(a, b, c));
        assertEquals(List.of(1.0, 2.0, 4.0, 5.0), java.util.Arrays.stream(band.times()).boxed().toList());
        assertTrue(Double.isNaN(band.median(1.5)), "one run of three has a result: no median yet");
        assertEquals(0.90, band.worst(1.5));
        assertEquals(0.90, band.best(1.5));
        assertEquals(0.90, band.median(3), "0.93 and 0.90 and no result: the middle is 0.90");
        assertEquals(0.93, band.median(4.5));
        assertEquals(0.90, band.worst(4.5));
        assertEquals(0.95, band.best(4.5));
        assertEquals(0.95, band.median(6));
        assertEquals(0.93, band.worst(6));
        assertEquals(0.97, band.best(6));
        AnytimeBand two = new AnytimeBand("m", acc, List.of(a, b));
        assertEquals((0.90 + 0.93) / 2, two.median(3), 1e-12, "an even count averages the middle two");
    }
}
