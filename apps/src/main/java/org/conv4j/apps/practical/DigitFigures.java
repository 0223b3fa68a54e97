package org.conv4j.apps.practical;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.conv4j.apps.report.Charts;
import org.conv4j.apps.report.ImageGrids;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.ConvolutionLayer;
import org.conv4j.layers.Layer;
import org.conv4j.layers.Model;
import org.conv4j.layers.data.Batch;
import org.conv4j.layers.data.Dataset;

/**
 * The MNIST transfer practical's pictures, from its best model: the feature maps of the first
 * test digit at the model's first {@link #LAYERS} convolution layers (the practical's "feature
 * maps"), and a grid of misclassified test digits with their true and predicted labels.
 */
public final class DigitFigures implements Practical.Figures {
    static final int LAYERS = 2;
    private static final int MISCLASSIFIED = 30;

    @Override
    public List<Figure> draw(PhaseResult best, Model model, PracticalData data, Path runDir) throws IOException {
        List<Figure> figures = new ArrayList<>();
        InputPipeline input = best.candidate().input();
        ImageSet test = data.test();
        Dataset first = input.batches(test, data.classes(), 1, null).take(1);
        Tensor digit;
        try (Dataset.Pass pass = first.pass(0)) {
            Batch b = pass.next();
            digit = b.x();
        }
        List<Layer> convolutions = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof ConvolutionLayer && convolutions.size() < LAYERS) {
                convolutions.add(l);
            }
        }
        for (Layer conv : convolutions) {
            Tensor maps;
            try (Tensor x = model.backend().fromFloats(digit.floats(), digit.shape())) {
                maps = model.forwardTo(model.indexOf(conv), x, false);
            }
            int c = maps.dim(1), h = maps.dim(2), w = maps.dim(3);
            String file = "feature_maps_" + conv.name() + ".png";
            Charts.writePng(runDir.resolve(file), ImageGrids.featureMaps(maps.toFloatArray(), c, h, w, 8, Math.max(1, 84 / h)));
            figures.add(new Figure("Feature maps of " + conv.name(), file, String.format(Locale.ROOT,
                    "%s of %s (%s): the %d maps (%dx%d) of the first test digit, a %s; each scaled on its own, black its lowest value, "
                            + "white its highest", conv.name(), best.name(), conv.className(), c, h, w, data.classNames().get(test.labels()[0]))));
        }
        int[] predicted = PracticalRunner.classes(model.predict(input.batches(test, data.classes(), 256, null)), input.binaryLabels());
        int[] labels = test.labels();
        List<float[]> digits = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int wrong = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] != labels[i]) {
                wrong++;
                if (digits.size() < MISCLASSIFIED) {
                    digits.add(test.image(i));
                    captions.add("true " + data.classNames().get(labels[i]) + ", pred. " + data.classNames().get(predicted[i]));
                }
            }
        }
        String file = "misclassified.png";
        Charts.writePng(runDir.resolve(file), ImageGrids.labelled(digits, captions, test.height(), test.width(), 6, 3));
        figures.add(new Figure("Misclassified test digits", file, String.format(Locale.ROOT,
                "the first %d of the %d test digits %s gets wrong, with their true and predicted labels", digits.size(), wrong, best.name())));
        return figures;
    }
}
