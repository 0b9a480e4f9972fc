package dev.tuneboard.plot;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Step lines (a value that holds until the next point, like a best-so-far curve), each with an optional shaded
 * band, drawn with Java2D into a PNG: axes with ticks and labels, a title and a legend. No display needed.
 */
public final class StepPlot {
    /** The fill behind the plot: what a test tells drawn pixels from. */
    public static final Color BACKGROUND = Color.WHITE;
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final int LEFT = 78, RIGHT = 24, TOP = 42, BOTTOM = 58, LEGEND_ROW = 18;

    /**
     * One line: at {@code x[i]} the line moves to {@code y[i]} and holds it until {@code x[i+1]} (the last value up
     * to {@code xEnd}); {@code low}/{@code high} (null: no band) bound the shaded spread. NaN: nothing there yet.
     */
    public record Series(String label, double[] x, double[] y, double[] low, double[] high, double xEnd) {
        public Series {
            Objects.requireNonNull(label, "label");
            x = x.clone();
            y = y.clone();
            if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length");
            if ((low == null) != (high == null)) throw new IllegalArgumentException("a band needs both low and high");
            if (low != null) {
                low = low.clone();
                high = high.clone();
                if (low.length != x.length || high.length != x.length) throw new IllegalArgumentException("band and x differ in length");
            }
            for (int i = 1; i < x.length; i++) {
                if (x[i] < x[i - 1]) throw new IllegalArgumentException("x must not decrease");
            }
            if (x.length > 0 && xEnd < x[x.length - 1]) throw new IllegalArgumentException("xEnd before the last x");
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final int width;
    private final int height;

    public StepPlot(String title, String xLabel, String yLabel, int width, int height) {
        if (width < 320 || height < 240 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("plot size must be 320..8000 × 240..8000 pixels, was " + width + "×" + height);
        }
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
    }

    public BufferedImage render(List<Series> series) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            Range xr = new Range(0, maxX(series));
            Range yr = yRange(series);
            java.awt.Rectangle area = plotArea(series.size());
            Frame f = new Frame(area.x, area.y, area.width, area.height, xr, yr);
            axes(g, f);
            // Every band before any line, so no band tints another method's line.
            for (int i = 0; i < series.size(); i++) {
                Color c = PALETTE[i % PALETTE.length];
                if (series.get(i).low() != null) band(g, f, series.get(i), new Color(c.getRed(), c.getGreen(), c.getBlue(), 48));
            }
            // Earlier lines wider, so a line another one covers exactly (two methods, same result) still shows.
            for (int i = 0; i < series.size(); i++) {
                line(g, f, series.get(i), PALETTE[i % PALETTE.length], 2.5f + 1.5f * Math.min(3, series.size() - 1 - i));
            }
            legend(g, f, series);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Where the axes' frame goes with this many series: the legend takes a row each under the x axis's label. */
    public java.awt.Rectangle plotArea(int seriesCount) {
        int bottom = BOTTOM + seriesCount * LEGEND_ROW + 8;
        return new java.awt.Rectangle(LEFT, TOP, width - LEFT - RIGHT, Math.max(40, height - TOP - bottom));
    }

    /** Writes the PNG next to {@code out} first and moves it into place, so a failed write leaves nothing half-drawn. */
    public void write(List<Series> series, Path out) throws IOException {
        BufferedImage image = render(series);
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".plot", ".png");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) throw new IOException("no PNG writer in this JVM");
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private record Range(double lo, double hi) {
        Range {
            if (!(hi > lo)) hi = lo + 1;
        }
    }

    private record Frame(int left, int top, int w, int h, Range x, Range y) {
        double px(double v) {
            return left + (v - x.lo()) / (x.hi() - x.lo()) * w;
        }

        double py(double v) {
            double clamped = Math.max(y.lo(), Math.min(y.hi(), v));
            return top + h - (clamped - y.lo()) / (y.hi() - y.lo()) * h;
        }
    }

    private static double maxX(List<Series> series) {
        double max = 0;
        for (Series s : series) max = Math.max(max, s.xEnd());
        return max;
    }

    private static Range yRange(List<Series> series) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double[] a : new double[][] {s.y(), s.low(), s.high()}) {
                if (a == null) continue;
                for (double v : a) {
                    if (Double.isNaN(v)) continue;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo == Double.POSITIVE_INFINITY) return new Range(0, 1);
        // A flat line (one run, one result) still gets a readable axis: at least 0.002 either side.
        double pad = Math.max((hi - lo) * 0.08, 0.002);
        return new Range(lo - pad, hi + pad);
    }

    private void axes(Graphics2D g, Frame f) {
        g.setColor(new Color(0xf4f4f4));
        g.fillRect(f.left(), f.top(), f.w(), f.h());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double t : ticks(f.x())) {
            int x = (int) Math.round(f.px(t));
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, f.top(), x, f.top() + f.h());
            g.setColor(Color.DARK_GRAY);
            String s = label(t, f.x());
            g.drawString(s, x - fm.stringWidth(s) / 2, f.top() + f.h() + fm.getAscent() + 4);
        }
        for (double t : ticks(f.y())) {
            int y = (int) Math.round(f.py(t));
            g.setColor(new Color(0xdddddd));
            g.drawLine(f.left(), y, f.left() + f.w(), y);
            g.setColor(Color.DARK_GRAY);
            String s = label(t, f.y());
            g.drawString(s, f.left() - fm.stringWidth(s) - 6, y + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(f.left(), f.top(), f.w(), f.h());
        g.drawString(xLabel, f.left() + (f.w() - fm.stringWidth(xLabel)) / 2, f.top() + f.h() + 2 * fm.getHeight() + 8);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(f.top() + (f.h() + fm.stringWidth(yLabel)) / 2), 16);
        rotated.dispose();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, f.left(), 26);
    }

    /** About six round ticks (1, 2 or 5 × a power of ten) inside the range. */
    private static double[] ticks(Range r) {
        double raw = (r.hi() - r.lo()) / 6;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / pow < 1.5 ? pow : raw / pow < 3.5 ? 2 * pow : raw / pow < 7.5 ? 5 * pow : 10 * pow;
        double first = Math.ceil(r.lo() / step) * step;
        int n = (int) Math.floor((r.hi() - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(0, n)];
        for (int i = 0; i < t.length; i++) t[i] = first + i * step;
        return t;
    }

    /** As many decimals as the tick step needs, so neighbouring ticks never read the same. */
    private static String label(double v, Range r) {
        double[] t = ticks(r);
        double step = t.length > 1 ? t[1] - t[0] : r.hi() - r.lo();
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static void line(Graphics2D g, Frame f, Series s, Color c, float width) {
        Path2D.Double p = new Path2D.Double();
        boolean drawing = false;
        for (int i = 0; i < s.x().length; i++) {
            double y = s.y()[i];
            double next = i + 1 < s.x().length ? s.x()[i + 1] : s.xEnd();
            if (Double.isNaN(y)) {
                drawing = false;
                continue;
            }
            if (drawing) p.lineTo(f.px(s.x()[i]), f.py(y));
            else p.moveTo(f.px(s.x()[i]), f.py(y));
            p.lineTo(f.px(next), f.py(y));
            drawing = true;
        }
        g.setColor(c);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(p);
    }

    private static void band(Graphics2D g, Frame f, Series s, Color fill) {
        g.setColor(fill);
        for (int i = 0; i < s.x().length; i++) {
            double lo = s.low()[i], hi = s.high()[i];
            if (Double.isNaN(lo) || Double.isNaN(hi)) continue;
            double next = i + 1 < s.x().length ? s.x()[i + 1] : s.xEnd();
            double x0 = f.px(s.x()[i]), x1 = f.px(next);
            double y0 = f.py(Math.max(lo, hi)), y1 = f.py(Math.min(lo, hi));
            g.fill(new java.awt.geom.Rectangle2D.Double(x0, Math.min(y0, y1), Math.max(1, x1 - x0), Math.max(1, Math.abs(y1 - y0))));
        }
    }

    /** Under the x axis's label, one row per series: a swatch of its colour and its label. */
    private void legend(Graphics2D g, Frame f, List<Series> series) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int top = f.top() + f.h() + 2 * fm.getHeight() + 16;
        for (int i = 0; i < series.size(); i++) {
            int ly = top + i * LEGEND_ROW + LEGEND_ROW / 2;
            Color c = PALETTE[i % PALETTE.length];
            if (series.get(i).low() != null) {
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 48));
                g.fillRect(f.left(), ly - 6, 26, 12);
            }
            g.setColor(c);
            g.setStroke(new BasicStroke(3f));
            g.drawLine(f.left(), ly, f.left() + 26, ly);
            g.setColor(Color.BLACK);
            g.drawString(series.get(i).label(), f.left() + 34, ly + fm.getAscent() / 2 - 1);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
