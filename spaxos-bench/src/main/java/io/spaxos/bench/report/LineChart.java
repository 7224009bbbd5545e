package io.spaxos.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;

/**
 * A small line chart drawn with Java2D and written as PNG: linear or log axes, a legend, one
 * coloured line with point markers per series. Enough for the benchmark's two kinds of plot,
 * without a charting library.
 */
public final class LineChart {

    public enum Scale { LINEAR, LOG }

    public record Series(String name, Color color, double[] x, double[] y) {
    }

    public record Tick(double value, String label) {
    }

    private static final int LEFT = 90;
    private static final int RIGHT = 200;
    private static final int TOP = 56;
    private static final int BOTTOM = 64;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Scale xScale;
    private final Scale yScale;
    private final List<Tick> xTicks;
    private final DoubleFunction<String> yFormat;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xLabel, Scale xScale, List<Tick> xTicks, String yLabel, Scale yScale,
                     DoubleFunction<String> yFormat) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xScale = xScale;
        this.yScale = yScale;
        this.xTicks = List.copyOf(xTicks);
        this.yFormat = yFormat;
    }

    public LineChart add(Series s) {
        series.add(s);
        return this;
    }

    public void write(Path png, int width, int height) throws IOException {
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try {
            draw(g, width, height);
        } finally {
            g.dispose();
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private void draw(Graphics2D g, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        final int plotW = width - LEFT - RIGHT;
        final int plotH = height - TOP - BOTTOM;

        final double[] xr = range(xTicks.stream().mapToDouble(Tick::value).toArray(), allX(), xScale);
        final List<Tick> yTicks = yScale == Scale.LOG ? logTicks(allY()) : linearTicks(allY());
        final double[] yr = range(yTicks.stream().mapToDouble(Tick::value).toArray(), allY(), yScale);
        final Axis xAxis = new Axis(xScale, xr[0], xr[1], LEFT, LEFT + plotW);
        final Axis yAxis = new Axis(yScale, yr[0], yr[1], TOP + plotH, TOP);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, TOP - 22);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        final FontMetrics fm = g.getFontMetrics();
        for (final Tick t : yTicks) {
            final int y = (int) Math.round(yAxis.pixel(t.value()));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(t.label(), LEFT - 8 - fm.stringWidth(t.label()), y + fm.getAscent() / 2 - 1);
        }
        for (final Tick t : xTicks) {
            final int x = (int) Math.round(xAxis.pixel(t.value()));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            g.drawString(t.label(), x - fm.stringWidth(t.label()) / 2, TOP + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        final FontMetrics lm = g.getFontMetrics();
        g.drawString(xLabel, LEFT + plotW / 2 - lm.stringWidth(xLabel) / 2, height - 18);
        final AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + plotH / 2) - lm.stringWidth(yLabel) / 2, 24);
        g.setTransform(saved);

        int legendY = TOP + 10;
        for (final Series s : series) {
            drawSeries(g, s, xAxis, yAxis);
            g.setColor(s.color());
            g.setStroke(new BasicStroke(3f));
            g.drawLine(LEFT + plotW + 16, legendY, LEFT + plotW + 40, legendY);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), LEFT + plotW + 48, legendY + lm.getAscent() / 2 - 1);
            legendY += 24;
        }
    }

    private static void drawSeries(Graphics2D g, Series s, Axis xAxis, Axis yAxis) {
        g.setColor(s.color());
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        final Path2D.Double line = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < s.x().length; i++) {
            if (!usable(s.x()[i], xAxis.scale) || !usable(s.y()[i], yAxis.scale)) {
                continue;
            }
            final double px = xAxis.pixel(s.x()[i]);
            final double py = yAxis.pixel(s.y()[i]);
            if (started) {
                line.lineTo(px, py);
            } else {
                line.moveTo(px, py);
                started = true;
            }
        }
        g.draw(line);
        if (s.x().length <= 24) {
            for (int i = 0; i < s.x().length; i++) {
                if (usable(s.x()[i], xAxis.scale) && usable(s.y()[i], yAxis.scale)) {
                    g.fill(new Ellipse2D.Double(xAxis.pixel(s.x()[i]) - 4, yAxis.pixel(s.y()[i]) - 4, 8, 8));
                }
            }
        }
    }

    private static boolean usable(double v, Scale scale) {
        return !Double.isNaN(v) && !Double.isInfinite(v) && (scale == Scale.LINEAR || v > 0);
    }

    private double[] allX() {
        return series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.x())).toArray();
    }

    private double[] allY() {
        return series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.y())).toArray();
    }

    private static double[] range(double[] ticks, double[] data, Scale scale) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (final double[] values : new double[][] {ticks, data}) {
            for (final double v : values) {
                if (usable(v, scale)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            return new double[] {scale == Scale.LOG ? 1 : 0, scale == Scale.LOG ? 10 : 1};
        }
        if (lo == hi) {
            return scale == Scale.LOG ? new double[] {lo / 2, hi * 2} : new double[] {lo - 1, hi + 1};
        }
        return new double[] {lo, hi};
    }

    /** About six round ticks from 0 to above the largest value. */
    static List<Tick> linearTicks(double[] values) {
        double max = 0;
        for (final double v : values) {
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                max = Math.max(max, v);
            }
        }
        if (max <= 0) {
            max = 1;
        }
        final double raw = max / 5;
        final double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        final double step = raw / magnitude <= 1 ? magnitude : raw / magnitude <= 2 ? 2 * magnitude
                : raw / magnitude <= 5 ? 5 * magnitude : 10 * magnitude;
        final List<Tick> ticks = new ArrayList<>();
        for (double v = 0; v < max + step * 0.999; v += step) {
            ticks.add(new Tick(v, compact(v)));
        }
        return ticks;
    }

    /** Ticks at 1, 2 and 5 times each power of ten that the values span. */
    static List<Tick> logTicks(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (final double v : values) {
            if (v > 0 && !Double.isInfinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        final List<Tick> ticks = new ArrayList<>();
        for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
            for (final int m : new int[] {1, 2, 5}) {
                final double v = m * Math.pow(10, e);
                if (v >= lo / 2.5 && v <= hi * 2.5) {
                    ticks.add(new Tick(v, v >= 1000 ? compact(v) : plain(v)));
                }
            }
        }
        return ticks;
    }

    /** 12000 as "12k", 1500000 as "1.5M". */
    public static String compact(double v) {
        if (v >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    static String plain(double v) {
        return v >= 1 ? trim(v) : String.format(Locale.ROOT, "%s", trimSmall(v));
    }

    private static String trim(double v) {
        final String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String trimSmall(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    private static final class Axis {
        final Scale scale;
        final double lo;
        final double hi;
        final double from;
        final double to;

        Axis(Scale scale, double lo, double hi, double from, double to) {
            this.scale = scale;
            this.lo = scale == Scale.LOG ? Math.log10(lo) : lo;
            this.hi = scale == Scale.LOG ? Math.log10(hi) : hi;
            this.from = from;
            this.to = to;
        }

        double pixel(double v) {
            final double t = ((scale == Scale.LOG ? Math.log10(v) : v) - lo) / (hi - lo);
            return from + t * (to - from);
        }
    }
}
