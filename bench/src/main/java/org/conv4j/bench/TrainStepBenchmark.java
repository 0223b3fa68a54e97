package org.conv4j.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Backends;
import org.conv4j.engine.Tensor;
import org.conv4j.layers.Conv2D;
import org.conv4j.layers.Dense;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.MaxPooling2D;
import org.conv4j.layers.Parameter;
import org.conv4j.layers.Sequential;
import org.conv4j.layers.optimizers.Adam;
import org.conv4j.layers.train.SparseCategoricalCrossentropy;
import org.conv4j.layers.train.Trainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** A whole training step (forward, backward, Adam) and an inference batch of the course's simple CNN at batch 128. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainStepBenchmark {
    @Param({"cpu"})
    public String device;

    private Backend backend;
    private Sequential model;
    private Trainer trainer;
    private Tensor x;
    private Tensor target;
    private List<Parameter> trained;

    @Setup
    public void setUp() {
        Backend b = Backends.create(device);
        backend = b;
        model = new Sequential().input(32, 32, 3)
                .add(new Conv2D(32, 3).padding("same").activation("relu")).add(new MaxPooling2D(2))
                .add(new Conv2D(64, 3).padding("same").activation("relu")).add(new MaxPooling2D(2))
                .add(new Flatten()).add(new Dense(512, "relu")).add(new Dense(10, "softmax"));
        model.build(b, 1).compile(new Adam(1e-3), new SparseCategoricalCrossentropy());
        Random rng = new Random(1);
        float[] pixels = new float[128 * 3 * 32 * 32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextGaussian();
        }
        x = b.fromFloats(pixels, 128, 3, 32, 32);
        float[] labels = new float[128];
        int[] rows = new int[128];
        for (int i = 0; i < 128; i++) {
            labels[i] = rng.nextInt(10);
            rows[i] = i;
        }
        target = model.loss().targets(b, Tensor.of(labels, 128), rows, 10);
        trainer = model.trainer();
        trained = model.weightsTrainedNow();
    }

    @Benchmark
    public Object trainStep() {
        Object loss = trainer.trainStep(x, target, trained);
        backend.synchronize();
        return loss;
    }

    @Benchmark
    public Tensor inferenceBatch() {
        Tensor out = model.forward(x, false);
        backend.synchronize();
        return out;
    }
}
