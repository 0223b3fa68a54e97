package org.conv4j.layers.train;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrainingControl} for tests: one weight array whose single value the test sets to the
 * epoch number, and records of stop requests, learning rates and saved files. {@link #fit} plays
 * Keras's loop over scripted epoch logs.
 */
final class FakeTraining implements TrainingControl {
    final List<float[]> weights = new ArrayList<>(List.of(new float[] {-1f}));
    final List<Double> learningRates = new ArrayList<>();
    final List<String> saved = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private boolean stop;
    private double learningRate = 0.1;

    /**
     * Runs {@code callback} like Keras's fit: train begin; for each epoch, the weights become the
     * epoch number, then epoch end with the metric {@code monitor} from {@code values}; stops after
     * the epoch where a stop was requested; train end.
     *
     * @return the number of epochs run
     */
    int fit(Callback callback, String monitor, double... values) {
        stop = false;
        callback.onTrainBegin(this);
        int epochs = 0;
        for (int epoch = 0; epoch < values.length && !stop; epoch++) {
            callback.onEpochBegin(this, epoch);
            weights.get(0)[0] = epoch;
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 1.0);
            logs.put(monitor, values[epoch]);
            callback.onEpochEnd(this, epoch, logs);
            learningRates.add(learningRate);
            epochs++;
        }
        callback.onTrainEnd(this);
        return epochs;
    }

    /** The value of the model's weight now. */
    float weight() {
        return weights.get(0)[0];
    }

    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    static Map<String, Double> logs(Object... keyValues) {
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            logs.put((String) keyValues[i], ((Number) keyValues[i + 1]).doubleValue());
        }
        return logs;
    }

    @Override
    public void stopTraining() {
        stop = true;
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public List<float[]> getWeights() {
        List<float[]> copy = new ArrayList<>();
        for (float[] w : weights) {
            copy.add(w.clone());
        }
        return copy;
    }

    @Override
    public void setWeights(List<float[]> newWeights) {
        for (int i = 0; i < newWeights.size(); i++) {
            weights.set(i, newWeights.get(i).clone());
        }
    }

    @Override
    public void saveModel(Path file) {
        saved.add("model " + file);
    }

    @Override
    public void saveWeights(Path file) {
        saved.add("weights " + file);
    }

    @Override
    public PrintStream out() {
        return out;
    }
}
