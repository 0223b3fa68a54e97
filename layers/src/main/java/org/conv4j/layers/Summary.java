package org.conv4j.layers;

import java.util.Locale;

/**
 * Keras's model.summary() as text: "name (Type)", output shape (channels last, like Keras) and
 * parameter count per layer, then the totals. A nested model is one row, as Keras's "Functional" row.
 */
final class Summary {
    private static final int NAME_WIDTH = 33;
    private static final int SHAPE_WIDTH = 26;
    private static final int PARAM_WIDTH = 12;

    private Summary() {}

    static String of(Graph model) {
        StringBuilder b = new StringBuilder();
        int width = NAME_WIDTH + SHAPE_WIDTH + PARAM_WIDTH;
        b.append("Model: \"").append(model.name()).append("\"\n");
        b.append("_".repeat(width)).append('\n');
        b.append(pad("Layer (type)", NAME_WIDTH)).append(pad("Output Shape", SHAPE_WIDTH)).append("Param #").append('\n');
        b.append("=".repeat(width)).append('\n');
        boolean first = true;
        for (Layer layer : model.layers()) {
            if (!first) {
                b.append("_".repeat(width)).append('\n');
            }
            first = false;
            b.append(pad(layer.name() + " (" + layer.className() + ")", NAME_WIDTH))
                    .append(pad(Layer.kerasShape(layer.outputShape()), SHAPE_WIDTH))
                    .append(String.format(Locale.ROOT, "%,d", layer.countParams())).append('\n');
        }
        b.append("=".repeat(width)).append('\n');
        long total = model.countParams();
        long trainable = model.countTrainableParams();
        b.append(line("Total params: ", total));
        b.append(line("Trainable params: ", trainable));
        b.append(line("Non-trainable params: ", total - trainable));
        b.append("_".repeat(width)).append('\n');
        return b.toString();
    }

    private static String line(String label, long count) {
        return String.format(Locale.ROOT, "%s%,d (%s)%n", label, count, bytes(count * 4));
    }

    /** Keras's readable_memory_size: B, KB, MB, GB with 1024 steps and two decimals. */
    static String bytes(double size) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int u = 0;
        while (size >= 1024 && u < units.length - 1) {
            size /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", size, units[u]);
    }

    private static String pad(String s, int width) {
        return s.length() >= width - 1 ? s + " " : s + " ".repeat(width - s.length());
    }
}
