package dev.tuneboard.cli;

import java.util.Map;
import java.util.LinkedHashMap;
import dev.tuneboard.spec.ExperimentSpec;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.Misclassified;
import dev.tuneboard.trial.TrialDetail;
import dev.tuneboard.trial.TrialRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "show", description = "One trial: params, seed, every attempt, learning curve, test confusion matrix, misclassified digits.")
final class ShowCommand implements Callable<Integer> {
    @Mixin
    TrialRef ref;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        try (Tuneboard app = store.open()) {
            Optional<TrialRef.Found> found = ref.find(app.store());
            if (found.isEmpty()) return ExitCodes.BAD_INPUT;
            print(app.store().detail(found.get().trial().id()).orElseThrow(), System.out);
            return ExitCodes.OK;
        }
    }

    static void print(TrialDetail d, PrintStream out) {
        TrialRecord t = d.trial();
        out.printf("trial %d (attempt %d): %s%n", t.number(), t.attempt(), t.status().key());
        Map<String, Object> params = new LinkedHashMap<>(t.params());
        params.replaceAll((k, v) -> ExperimentSpec.optionName(k, (Number) v) != null ? ExperimentSpec.optionName(k, (Number) v) : v);
        out.printf("params: %s%nseed:   %d%n", params, t.seed());
        out.printf("val accuracy %s, val loss %s, test accuracy %s, %d epochs, %s s, %s samples/s%n",
                ConsoleProgress.fmt(t.valAccuracy()), ConsoleProgress.fmt(t.valLoss()), ConsoleProgress.fmt(t.testAccuracy()),
                t.epochsDone(), t.seconds() == null ? "-" : String.format("%.1f", t.seconds()),
                t.samplesPerSecond() == null ? "-" : String.format("%.0f", t.samplesPerSecond()));
        if (t.stopReason() != null) out.println("stopped: " + t.stopReason());
        if (d.attempts().size() > 1) {
            out.println("attempts:");
            for (TrialRecord a : d.attempts()) {
                out.printf("  %d %-9s %s%n", a.attempt(), a.status().key(),
                        a.error() != null ? a.error() : a.stopReason() != null ? a.stopReason() : "");
            }
        } else if (t.error() != null) {
            out.println("error: " + t.error());
        }
        out.println("\nepoch  train_loss  val_loss  val_acc  seconds");
        for (EpochMetrics m : d.epochs()) {
            out.printf("%5d  %10.4f  %8.4f  %7.4f  %7.1f%n", m.epoch(), m.trainLoss(), m.valLoss(), m.valAccuracy(), m.seconds());
        }
        if (d.confusion().length > 0) {
            out.println("\ntest confusion matrix (rows: true digit, columns: predicted)");
            StringBuilder head = new StringBuilder("      ");
            for (int p = 0; p < d.confusion().length; p++) head.append(String.format("%6d", p));
            out.println(head);
            for (int r = 0; r < d.confusion().length; r++) {
                StringBuilder line = new StringBuilder(String.format("%5d ", r));
                for (int c = 0; c < d.confusion()[r].length; c++) line.append(String.format("%6d", d.confusion()[r][c]));
                out.println(line);
            }
            out.printf("%nmisclassified test digits: %d; most confident mistakes:%n", d.misclassified().size());
            d.misclassified().stream().limit(10).forEach((Misclassified m) -> out.printf(
                    "  test #%-5d true %d predicted %d (confidence %.3f)%n", m.sampleIndex(), m.trueLabel(), m.predictedLabel(),
                    m.confidence()));
        }
    }
}
