package org.conv4j.layers.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** What a {@link Callback} may see and change of the training run it belongs to. */
public interface TrainingControl {
    /** Asks fit to stop after the current epoch (Keras's {@code model.stop_training = True}). */
    void stopTraining();

    boolean stopRequested();

    double learningRate();

    /** Sets the optimizer's learning rate from the next step on. */
    void setLearningRate(double learningRate);

    /** A copy of every weight of the model (trainable and not), in the model's weight order. */
    List<float[]> getWeights();

    /** Puts back weights taken by {@link #getWeights()}. */
    void setWeights(List<float[]> weights);

    /** Saves the whole model (architecture + weights) to {@code file}, atomically. */
    void saveModel(Path file) throws IOException;

    /** Saves the weights only to {@code file}, atomically. */
    void saveWeights(Path file) throws IOException;

    /** Where callbacks print their messages. */
    PrintStream out();
}
