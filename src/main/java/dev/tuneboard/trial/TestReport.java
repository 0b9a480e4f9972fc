package dev.tuneboard.trial;

import java.util.List;

/**
 * The once-per-trial report on the test set (never used to choose between trials), with the network's inference
 * cost (null when not measured), which constraints and a second objective do use.
 */
public record TestReport(double accuracy, double loss, int[][] confusion, List<Misclassified> misclassified, InferenceCost cost) {
    public TestReport {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) copy[i] = confusion[i].clone();
        confusion = copy;
        misclassified = List.copyOf(misclassified);
    }

    /** A report without a measured inference cost. */
    public TestReport(double accuracy, double loss, int[][] confusion, List<Misclassified> misclassified) {
        this(accuracy, loss, confusion, misclassified, null);
    }
}
