package org.conv4j.apps.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.conv4j.engine.io.AtomicFiles;

/**
 * Writes the per-epoch history of {@code fit} as {@code history.csv}.
 *
 * <p>Format: a header {@code epoch,<name>,<name>...} with the series names in the map's order, then
 * one line per epoch, epoch counted from 1, as many lines as the longest series. A value is the
 * shortest decimal that reads back as the same double, never in exponent form ({@code 0.0001}, not
 * {@code 1.0E-4}; {@code 2}, not {@code 2.0}); NaN and infinities as Java prints them ({@code NaN},
 * {@code Infinity}, {@code -Infinity}); a value that is null or past the end of its series is an
 * empty cell. Lines end with {@code \n}. Series names are written as given, so they must not
 * contain commas, quotes or line breaks (Keras's names don't).
 */
public final class HistoryCsv {
    private HistoryCsv() {}

    public static void write(Path file, Map<String, List<Double>> history) throws IOException {
        AtomicFiles.writeString(file, format(history));
    }

    public static String format(Map<String, List<Double>> history) {
        StringBuilder csv = new StringBuilder("epoch");
        int epochs = 0;
        for (Map.Entry<String, List<Double>> series : history.entrySet()) {
            csv.append(',').append(series.getKey());
            epochs = Math.max(epochs, series.getValue().size());
        }
        csv.append('\n');
        for (int epoch = 0; epoch < epochs; epoch++) {
            csv.append(epoch + 1);
            for (List<Double> values : history.values()) {
                csv.append(',');
                if (epoch < values.size() && values.get(epoch) != null) {
                    csv.append(number(values.get(epoch)));
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        // Double.toString gives the shortest round-tripping digits; BigDecimal drops its exponent.
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
