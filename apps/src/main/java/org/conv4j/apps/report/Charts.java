package org.conv4j.apps.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.conv4j.engine.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

/** The report's other plots, through XChart: the confusion matrix as a heat map, bars comparing models, ROC curves. */
public final class Charts {
    static {
        // Reports are drawn on servers without a display; AWT must not look for one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {}

    /** The confusion matrix, true classes top to bottom, predicted left to right, each cell's count printed on it. */
    public static BufferedImage confusionMatrix(ConfusionMatrix m, String title) {
        int k = m.classNames().size();
        HeatMapChart chart = new HeatMapChartBuilder().width(640).height(560).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x9ECAE1), new Color(0x3182BD)});
        chart.getStyler().setValueFontColor(new Color(0x202020));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisLabelRotation(45);
        List<String> rows = new ArrayList<>(m.classNames());
        java.util.Collections.reverse(rows); // XChart draws the first y category at the bottom
        List<Number[]> cells = new ArrayList<>();
        int max = 1;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, m.counts()[t][p]});
                max = Math.max(max, m.counts()[t][p]);
            }
        }
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(max);
        chart.addSeries("counts", m.classNames(), rows, cells);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Two bar charts side by side: test (or validation) accuracy per model phase (left) and its parameters in
     * millions, total and trainable (right).
     */
    public static BufferedImage comparison(String accuracyTitle, List<String> names, List<Double> testAccuracy, List<Double> totalMillions,
                                           List<Double> trainableMillions) {
        int width = Math.max(1000, 120 * names.size() * 2), height = 480; // room for every rotated name
        CategoryChart accuracy = new CategoryChartBuilder().width(width / 2).height(height).title(accuracyTitle)
                .yAxisTitle("accuracy").build();
        accuracy.getStyler().setLegendVisible(false);
        accuracy.getStyler().setChartBackgroundColor(Color.WHITE);
        accuracy.getStyler().setYAxisMin(0.0);
        accuracy.getStyler().setYAxisMax(1.0);
        accuracy.getStyler().setYAxisDecimalPattern("0.##");
        accuracy.getStyler().setXAxisLabelRotation(30);
        accuracy.getStyler().setLabelsVisible(true);
        accuracy.getStyler().setDecimalPattern("0.###");
        accuracy.addSeries("test accuracy", names, testAccuracy);
        CategoryChart size = new CategoryChartBuilder().width(width / 2).height(height).title("Parameters (millions)")
                .yAxisTitle("millions").build();
        size.getStyler().setYAxisMin(0.0);
        size.getStyler().setChartBackgroundColor(Color.WHITE);
        size.getStyler().setYAxisDecimalPattern("0.##");
        size.getStyler().setXAxisLabelRotation(30);
        size.addSeries("total", names, totalMillions);
        size.addSeries("trainable", names, trainableMillions);
        return sideBySide(accuracy, size, width, height);
    }

    /** ROC curves, one per entry (its legend gives the AUC), over the diagonal of a random guess. */
    public static BufferedImage roc(Map<String, RocCurve> curves, String title) {
        XYChart chart = new XYChartBuilder().width(640).height(560).title(title).xAxisTitle("false positive rate")
                .yAxisTitle("true positive rate").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setMarkerSize(0);
        XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        chance.setLineColor(Color.GRAY);
        for (Map.Entry<String, RocCurve> e : curves.entrySet()) {
            chart.addSeries(String.format(java.util.Locale.ROOT, "%s (AUC %.4f)", e.getKey(), e.getValue().auc()),
                    e.getValue().falsePositiveRate(), e.getValue().truePositiveRate());
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static BufferedImage sideBySide(Chart<?, ?> left, Chart<?, ?> right, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(BitmapEncoder.getBufferedImage(left), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(right), width / 2, 0, null);
        } finally {
            g.dispose();
        }
        return image;
    }

    public static void writePng(Path file, BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        AtomicFiles.writeBytes(file, png.toByteArray());
    }
}
