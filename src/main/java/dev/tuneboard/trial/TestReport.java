package dev.tuneboard.trial;

import java.util.List;

/** The once-per-trial report on the test set. Never used to choose between trials. */
public record TestReport(double accuracy, double loss, int[][] confusion, List<Misclassified> misclassified) {
    public TestReport {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) copy[i] = confusion[i].clone();
        confusion = copy;
        misclassified = List.copyOf(misclassified);
    }
}
