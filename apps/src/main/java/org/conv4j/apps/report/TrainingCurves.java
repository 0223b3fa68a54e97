package org.conv4j.apps.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.conv4j.engine.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler;

/**
 * Draws {@code curves.png}: accuracy (left) and loss (right) per epoch, each with its validation
 * twin, from the history of {@code fit} keyed by Keras's names. A series missing from the history
 * is left out of its chart; a null value in a series is a gap. A history of several phases (frozen,
 * then fine-tuned) is drawn end to end, a dashed line marking where each later phase starts.
 */
public final class TrainingCurves {
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 450;

    static {
        // Reports are drawn on servers without a display; AWT must not look for one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private TrainingCurves() {}

    /** Writes the curves of {@code history}, marking the phases that start at the 0-based epochs {@code phaseStarts}. */
    public static void write(Path file, Map<String, List<Double>> history, List<Integer> phaseStarts) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(render(history, phaseStarts), "png", png);
        AtomicFiles.writeBytes(file, png.toByteArray());
    }

    /** The two charts side by side, {@link #WIDTH} by {@link #HEIGHT} pixels. */
    public static BufferedImage render(Map<String, List<Double>> history, List<Integer> phaseStarts) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(panel(history, phaseStarts, "Accuracy", "accuracy", Styler.LegendPosition.InsideSE), 0, 0, null);
            g.drawImage(panel(history, phaseStarts, "Loss", "loss", Styler.LegendPosition.InsideNE), WIDTH / 2, 0, null);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One chart of {@code metric} and {@code val_<metric>}, half the image wide. */
    private static BufferedImage panel(Map<String, List<Double>> history, List<Integer> phaseStarts, String title, String metric,
                                       Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH / 2)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("epoch")
                .yAxisTitle(metric)
                .build();
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.###"); // else XChart may print a tick as 0.30000000000000004
        double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;
        for (String name : List.of(metric, "val_" + metric)) {
            List<Double> values = history.get(name);
            if (values != null && !values.isEmpty()) {
                chart.addSeries(name, epochs(values.size()), doubles(values));
                for (Double v : values) {
                    if (v != null && Double.isFinite(v)) {
                        low = Math.min(low, v);
                        high = Math.max(high, v);
                    }
                }
            }
        }
        for (int i = 0; i < phaseStarts.size() && low <= high; i++) {
            double x = phaseStarts.get(i) + 0.5; // between the last epoch of a phase and the first of the next
            XYSeries mark = chart.addSeries("phase " + (i + 2) + " starts", new double[] {x, x}, new double[] {low, high});
            mark.setMarker(SeriesMarkers.NONE);
            mark.setLineStyle(SeriesLines.DASH_DASH);
            mark.setLineColor(java.awt.Color.GRAY);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static double[] epochs(int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** XChart skips NaN points, which is how a null (missing) value becomes a gap. */
    private static double[] doubles(List<Double> values) {
        double[] y = new double[values.size()];
        for (int i = 0; i < y.length; i++) {
            Double v = values.get(i);
            y[i] = v == null ? Double.NaN : v;
        }
        return y;
    }
}
