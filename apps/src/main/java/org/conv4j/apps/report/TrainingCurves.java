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
import org.knowm.xchart.style.Styler;

/**
 * Draws {@code curves.png}: accuracy (left) and loss (right) per epoch, each with its validation
 * twin, from the history of {@code fit} keyed by Keras's names. A series missing from the history
 * is left out of its chart; a null value in a series is a gap.
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

    public static void write(Path file, Map<String, List<Double>> history) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(render(history), "png", png);
        AtomicFiles.writeBytes(file, png.toByteArray());
    }

    /** The two charts side by side, {@link #WIDTH} by {@link #HEIGHT} pixels. */
    public static BufferedImage render(Map<String, List<Double>> history) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(panel(history, "Accuracy", "accuracy", Styler.LegendPosition.InsideSE), 0, 0, null);
            g.drawImage(panel(history, "Loss", "loss", Styler.LegendPosition.InsideNE), WIDTH / 2, 0, null);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One chart of {@code metric} and {@code val_<metric>}, half the image wide. */
    private static BufferedImage panel(
            Map<String, List<Double>> history, String title, String metric, Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH / 2)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("epoch")
                .yAxisTitle(metric)
                .build();
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.###"); // else XChart may print a tick as 0.30000000000000004
        for (String name : List.of(metric, "val_" + metric)) {
            List<Double> values = history.get(name);
            if (values != null && !values.isEmpty()) {
                chart.addSeries(name, epochs(values.size()), doubles(values));
            }
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
