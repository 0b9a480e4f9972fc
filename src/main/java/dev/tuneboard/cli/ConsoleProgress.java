package dev.tuneboard.cli;

import dev.tuneboard.run.RunListener;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.TrialStatus;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progress on the terminal: a bar per running trial (epoch, loss, validation accuracy) under an
 * overall bar, redrawn in place. Without a terminal (or --quiet), one line per finished trial.
 */
final class ConsoleProgress implements RunListener {
    private static final int BAR = 24;

    private final PrintStream out;
    private final boolean live;
    private final Map<Integer, String> rows = new TreeMap<>();
    private int budget;
    private int finished;
    private int drawnLines;
    private long lastDraw;

    ConsoleProgress(PrintStream out, boolean quiet) {
        this.out = out;
        this.live = !quiet && System.console() != null;
    }

    @Override
    public synchronized void experimentStarted(String name, int budget, int alreadyDone, int parallelism) {
        this.budget = budget;
        this.finished = alreadyDone;
        out.printf("%s: %d of %d trials already done; training %d at a time%n", name, alreadyDone, budget, parallelism);
    }

    @Override
    public synchronized void trialStarted(int number, int attempt, Map<String, Number> params) {
        rows.put(number, String.format("trial %3d%s starting %s", number, attempt > 1 ? " (attempt " + attempt + ")" : "", params));
        draw(true);
    }

    @Override
    public synchronized void batchProgress(int number, int epoch, int epochs, int batch, int batches, double loss) {
        double done = ((epoch - 1) + (double) batch / batches) / epochs;
        String previous = rows.getOrDefault(number, "");
        int at = previous.indexOf(" | val ");
        String val = at >= 0 ? previous.substring(at) : "";
        rows.put(number, String.format("trial %3d %s epoch %d/%d loss %.4f%s", number, bar(done), epoch, epochs, loss, val));
        draw(false);
    }

    @Override
    public synchronized void epochFinished(int number, EpochMetrics m) {
        String row = rows.getOrDefault(number, "trial " + number);
        int at = row.indexOf(" | val ");
        rows.put(number, (at >= 0 ? row.substring(0, at) : row) + String.format(" | val acc %.4f", m.valAccuracy()));
        draw(true);
    }

    @Override
    public synchronized void trialFinished(int number, int attempt, TrialStatus status, Double valAccuracy, Double testAccuracy,
                                           String reason) {
        rows.remove(number);
        if (status != TrialStatus.FAILED || reason == null) finished++;
        String line = String.format("trial %3d %-9s val %s test %s%s", number, status.key(), fmt(valAccuracy), fmt(testAccuracy),
                reason == null ? "" : "  (" + reason + ")");
        if (live) {
            clear();
            out.println(line);
            draw(true);
        } else {
            out.println(line);
        }
    }

    @Override
    public synchronized void note(String message) {
        if (live) clear();
        out.println("note: " + message);
        draw(true);
    }

    synchronized void close() {
        if (live) clear();
    }

    private void draw(boolean force) {
        if (!live) return;
        long now = System.currentTimeMillis();
        if (!force && now - lastDraw < 200) return;
        lastDraw = now;
        clear();
        StringBuilder text = new StringBuilder();
        text.append(String.format("overall   %s %d/%d trials%n", bar(budget == 0 ? 0 : (double) finished / budget), finished, budget));
        for (String row : rows.values()) text.append(row).append('\n');
        out.print(text);
        out.flush();
        drawnLines = 1 + rows.size();
    }

    private void clear() {
        for (int i = 0; i < drawnLines; i++) out.print("\033[1A\033[2K");
        drawnLines = 0;
    }

    private static String bar(double fraction) {
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
        return "[" + "#".repeat(full) + "-".repeat(BAR - full) + "]";
    }

    static String fmt(Double v) {
        return v == null || v.isNaN() ? "   -  " : String.format("%.4f", v);
    }
}
