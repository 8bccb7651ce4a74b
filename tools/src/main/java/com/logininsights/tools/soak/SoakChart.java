package com.logininsights.tools.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The soak's samples as one SVG of small charts, one per measurement, against minutes since the input started. Each
 * y axis starts at zero, so that a flat line looks flat and a small wobble looks small. Hand-written: a few polylines
 * need no charting library.
 */
final class SoakChart {
    /** One small chart: the series drawn as lines, and those drawn as dots (values that come now and then). */
    record Panel(String title, List<Series> lines, List<Series> dots) {}

    static final List<Panel> PANELS = List.of(
            new Panel("heap (MB)", List.of(Series.HEAP_AFTER_GC), List.of(Series.LIVE_HEAP)),
            new Panel("job process RSS (MB)", List.of(Series.RSS), List.of()),
            new Panel("GC pauses per sample (ms)", List.of(Series.GC_PAUSE), List.of()),
            new Panel("GCs per sample", List.of(Series.GC_COUNT), List.of()),
            new Panel("checkpoint duration (ms)", List.of(Series.CHECKPOINT_DURATION), List.of()),
            new Panel(
                    "checkpoint size and own upload (KB)",
                    List.of(Series.CHECKPOINT_SIZE, Series.CHECKPOINT_UPLOAD),
                    List.of()),
            new Panel("consumer lag (records)", List.of(Series.LAG, Series.PENDING), List.of()),
            new Panel("rates (records/s)", List.of(Series.INPUT_RATE, Series.OUTPUT_RATE), List.of()));

    private static final String[] COLOURS = {"#1f77b4", "#e4570e"};
    private static final int COLUMNS = 2;
    private static final int PANEL_WIDTH = 480;
    private static final int PANEL_HEIGHT = 200;
    private static final int HEADER = 40;
    private static final int LEFT = 58;
    private static final int RIGHT = 14;
    private static final int TOP = 34;
    private static final int BOTTOM = 30;

    private SoakChart() {}

    static String svg(String title, List<Sample> samples) {
        int rows = (PANELS.size() + COLUMNS - 1) / COLUMNS;
        int width = COLUMNS * PANEL_WIDTH;
        int height = HEADER + rows * PANEL_HEIGHT;
        double minutes =
                samples.isEmpty() ? 1 : Math.max(samples.get(samples.size() - 1).minutes(), 1 / 6.0);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"11\">%n",
                width,
                height,
                width,
                height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"24\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                LEFT / 2,
                escape(title)));
        for (int i = 0; i < PANELS.size(); i++) {
            int x = (i % COLUMNS) * PANEL_WIDTH;
            int y = HEADER + (i / COLUMNS) * PANEL_HEIGHT;
            panel(svg, PANELS.get(i), samples, minutes, x, y);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, Panel panel, List<Sample> samples, double minutes, int x, int y) {
        int plotLeft = x + LEFT;
        int plotRight = x + PANEL_WIDTH - RIGHT;
        int plotTop = y + TOP;
        int plotBottom = y + PANEL_HEIGHT - BOTTOM;
        svg.append(String.format(
                Locale.ROOT,
                "<g><title>%s</title>%n<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                escape(panel.title()),
                plotLeft,
                y + 18,
                escape(panel.title())));
        List<Series> drawn = new ArrayList<>(panel.lines());
        drawn.addAll(panel.dots());
        double max = 0;
        for (Sample sample : samples) {
            for (Series series : drawn) {
                OptionalDouble value = sample.value(series);
                if (value.isPresent()) {
                    max = Math.max(max, value.getAsDouble());
                }
            }
        }
        double yStep = max <= 0 ? 1 : niceStep(max * 1.05 / 4);
        double top = max <= 0 ? 1 : Math.ceil(max * 1.05 / yStep) * yStep;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                plotLeft,
                plotTop,
                plotRight - plotLeft,
                plotBottom - plotTop));
        for (double tick = 0; tick <= top + yStep / 1000; tick += yStep) {
            double ty = plotBottom - tick / top * (plotBottom - plotTop);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e6e6e6\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    plotLeft,
                    ty,
                    plotRight,
                    ty,
                    plotLeft - 4,
                    ty + 4,
                    compact(tick)));
        }
        double xStep = minuteStep(minutes);
        for (double tick = 0; tick <= minutes + xStep / 1000; tick += xStep) {
            double tx = plotLeft + tick / minutes * (plotRight - plotLeft);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    tx,
                    plotBottom,
                    tx,
                    plotBottom + 4,
                    tx,
                    plotBottom + 16,
                    minuteLabel(tick)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#666\">minutes</text>%n",
                plotRight,
                plotBottom + 27));
        int colour = 0;
        for (Series series : drawn) {
            String stroke = COLOURS[colour++ % COLOURS.length];
            boolean dots = panel.dots().contains(series);
            List<StringBuilder> runs = new ArrayList<>();
            StringBuilder run = null;
            for (Sample sample : samples) {
                OptionalDouble value = sample.value(series);
                if (value.isEmpty()) {
                    run = null;
                    continue;
                }
                double px = plotLeft + sample.minutes() / minutes * (plotRight - plotLeft);
                double py = plotBottom - value.getAsDouble() / top * (plotBottom - plotTop);
                if (dots) {
                    svg.append(String.format(
                            Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, stroke));
                    continue;
                }
                if (run == null) {
                    run = new StringBuilder();
                    runs.add(run);
                }
                run.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            for (StringBuilder points : runs) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
                        stroke,
                        points.toString().trim()));
            }
            if (drawn.size() > 1) {
                int legendY = plotTop + 14 * colour;
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\">%s</text>%n",
                        plotRight - 6,
                        legendY,
                        stroke,
                        escape(series.title())));
            }
        }
        if (samples.isEmpty()) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">no samples</text>%n",
                    (plotLeft + plotRight) / 2,
                    (plotTop + plotBottom) / 2));
        }
        svg.append("</g>\n");
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least the rough step. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= rough) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    /** Ticks on the time axis: a handful, at round minutes where the run is long enough. */
    static double minuteStep(double minutes) {
        for (double step : new double[] {1 / 6.0, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 240, 480}) {
            if (minutes / step <= 8) {
                return step;
            }
        }
        return 720;
    }

    private static String minuteLabel(double minutes) {
        return Math.abs(minutes - Math.rint(minutes)) < 1e-9
                ? String.valueOf(Math.round(minutes))
                : String.format(Locale.ROOT, "%.1f", minutes);
    }

    /** {@code 950}, {@code 1.5k}, {@code 20k}, {@code 3M}: axis labels stay short. */
    static String compact(double value) {
        if (value >= 1_000_000) {
            return trim(value / 1_000_000) + "M";
        }
        if (value >= 1_000) {
            return trim(value / 1_000) + "k";
        }
        return trim(value);
    }

    private static String trim(double value) {
        return Math.abs(value - Math.rint(value)) < 1e-9
                ? String.valueOf(Math.round(value))
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
