package org.conv4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.conv4j.engine.Activation;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Backends;
import org.conv4j.engine.ConvSpec;
import org.conv4j.engine.PoolSpec;
import org.conv4j.engine.Tensor;
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

/**
 * One benchmark per op of the backends, on the shapes of the simple CNN at batch 128 (conv2:
 * 32 to 64 channels at 16x16; dense: 4096 to 512) and of a MobileNetV2 block (depthwise 3x3 on
 * 144 channels at 16x16). Each waits for the backend to finish ({@link Backend#synchronize}), so
 * GPU times are times of the work, not of queueing it. Run on the CPU and a GPU side by side:
 * {@code java -jar bench/target/benchmarks.jar OpBenchmarks -p device=cpu,cuda}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpBenchmarks {
    @Param({"cpu"})
    public String device;

    private Backend b;
    private final ConvSpec same3x3 = ConvSpec.same(16, 16, 3, 3, 1, 1, 1, 1, 1);
    private final ConvSpec depthwise = ConvSpec.same(16, 16, 3, 3, 1, 1, 1, 1, 144);
    private final PoolSpec pool2 = PoolSpec.valid(2, 2, 2, 2);
    private Tensor x, w, y, dx, dw;
    private Tensor dwX, dwW, dwY;
    private Tensor fcX, fcW, fcY;
    private Tensor big, bigOut, gamma, beta, mean, var;
    private Tensor pooled;

    private Tensor random(Random rng, int... shape) {
        float[] values = new float[Tensor.elementCount(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rng.nextGaussian();
        }
        return b.fromFloats(values, shape);
    }

    @Setup
    public void setUp() {
        b = Backends.create(device);
        Random rng = new Random(1);
        x = random(rng, 128, 32, 16, 16);
        w = random(rng, 64, 32, 3, 3);
        y = random(rng, 128, 64, 16, 16);
        dx = b.zeros(128, 32, 16, 16);
        dw = b.zeros(64, 32, 3, 3);
        dwX = random(rng, 128, 144, 16, 16);
        dwW = random(rng, 144, 1, 3, 3);
        dwY = b.zeros(128, 144, 16, 16);
        fcX = random(rng, 128, 4096);
        fcW = random(rng, 512, 4096);
        fcY = b.zeros(128, 512);
        big = random(rng, 128, 32, 32, 32);
        bigOut = b.zeros(128, 32, 32, 32);
        gamma = random(rng, 32);
        beta = random(rng, 32);
        mean = b.zeros(32);
        var = b.zeros(32);
        pooled = b.zeros(128, 32, 16, 16);
    }

    @Benchmark
    public Tensor conv2dForward() {
        b.conv2dForward(x, w, null, y, same3x3);
        b.synchronize();
        return y;
    }

    @Benchmark
    public Tensor conv2dBackwardData() {
        b.conv2dBackwardData(y, w, dx, same3x3);
        b.synchronize();
        return dx;
    }

    @Benchmark
    public Tensor conv2dBackwardFilter() {
        b.conv2dBackwardFilter(x, y, dw, same3x3);
        b.synchronize();
        return dw;
    }

    @Benchmark
    public Tensor depthwiseForward() {
        b.conv2dForward(dwX, dwW, null, dwY, depthwise);
        b.synchronize();
        return dwY;
    }

    @Benchmark
    public Tensor denseForwardGemm() {
        b.gemm(false, true, 1, fcX, fcW, 0, fcY);
        b.synchronize();
        return fcY;
    }

    @Benchmark
    public Tensor maxPoolForward() {
        b.maxPool2dForward(big, pooled, pool2);
        b.synchronize();
        return pooled;
    }

    @Benchmark
    public Tensor maxPoolBackward() {
        b.maxPool2dBackward(big, pooled, bigOut, pool2);
        b.synchronize();
        return bigOut;
    }

    @Benchmark
    public Tensor batchNormTraining() {
        b.batchNormTraining(big, gamma, beta, 1e-3, bigOut, mean, var);
        b.synchronize();
        return bigOut;
    }

    @Benchmark
    public Tensor reluForward() {
        b.activationForward(Activation.RELU, Double.POSITIVE_INFINITY, big, bigOut);
        b.synchronize();
        return bigOut;
    }

    @Benchmark
    public Tensor biasAdd() {
        b.biasAdd(bigOut, gamma);
        b.synchronize();
        return bigOut;
    }
}
