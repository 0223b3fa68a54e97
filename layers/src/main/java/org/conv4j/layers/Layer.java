package org.conv4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * A layer, as in Keras: {@link #build} fixes the shapes and declares the weights, {@link #forward}
 * computes the output of a batch, and {@link #backward}, right under it in every subclass, turns
 * the gradient of the output into gradients of the inputs (returned) and of the weights (written
 * into {@link Parameter#grad()}, overwriting the previous ones).
 *
 * <p>Shapes: "per-sample" shapes leave out the batch axis and are in our NCHW order: (C, H, W)
 * for images and (F) for vectors. {@link #kerasShape} shows them the Keras way, channels last.
 *
 * <p>Layers reuse their output and gradient buffers from one batch to the next: an output is valid
 * until the next forward of the same layer.
 */
public abstract class Layer {
    private static final Map<String, Integer> NAME_COUNTS = new HashMap<>();

    private String name;
    /** The base and number of the default name handed out at construction, or null for an explicit name. */
    private String defaultBase;
    private int defaultNumber;
    private boolean trainable = true;
    private Boolean trainableAtCompile;
    private Graph parent;
    private final List<Parameter> parameters = new ArrayList<>();
    private List<int[]> inputShapes;
    private int[] outputShape;
    protected Backend backend;
    /** False when no gradient is wanted for the inputs (a first layer, a frozen stem): backward may skip dx. */
    protected boolean needInputGradient = true;
    /** The training step number, set by the training loop; dropout draws its mask from it. */
    protected long trainingStep;

    protected Layer(String name) {
        if (name != null) {
            this.name = name;
        } else {
            defaultBase = snakeCase(getClass().getSimpleName());
            this.name = uniqueName(defaultBase);
            defaultNumber = NAME_COUNTS.get(defaultBase);
        }
    }

    /** Keras's unique default names: "conv2d", then "conv2d_1", "conv2d_2", ... */
    static synchronized String uniqueName(String base) {
        int n = NAME_COUNTS.merge(base, 1, Integer::sum) - 1;
        return n == 0 ? base : base + "_" + n;
    }

    /**
     * Gives back the default name of a layer named explicitly right after construction: Keras hands
     * out a default name only to layers without one, so an explicitly named ReLU does not move the
     * next default "re_lu_N". (Only while no later layer of the class took a default name.)
     */
    private static synchronized void releaseDefaultName(String base, int number) {
        if (NAME_COUNTS.getOrDefault(base, 0) == number) {
            NAME_COUNTS.put(base, number - 1);
        }
    }

    /** Forgets the default names handed out so far (Keras's clear_session). */
    public static synchronized void resetNames() {
        NAME_COUNTS.clear();
    }

    /** Keras's to_snake_case: "MaxPooling2D" to "max_pooling2d", "ReLU" to "re_lu". */
    static String snakeCase(String className) {
        String s = className.replaceAll("(.)([A-Z][a-z0-9]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    public String name() {
        return name;
    }

    /** Gives the layer an explicit name (Keras's {@code name=} argument); before building only. */
    @SuppressWarnings("unchecked")
    public <T extends Layer> T named(String newName) {
        if (parent != null) {
            throw new IllegalStateException("cannot rename layer " + name + ": it already belongs to model " + parent.name());
        }
        if (newName == null || newName.isBlank() || newName.contains("/")) {
            throw new IllegalArgumentException("invalid layer name '" + newName + "': it must be non-empty and contain no '/'");
        }
        if (defaultBase != null) {
            releaseDefaultName(defaultBase, defaultNumber);
            defaultBase = null;
        }
        this.name = newName;
        return (T) this;
    }

    /** Configuration setters call this: a built layer's shapes and weights are fixed. */
    protected void requireNotBuilt(String what) {
        if (inputShapes != null) {
            throw new IllegalStateException("cannot " + what + " layer " + name + ": it is already built");
        }
    }

    /** The class name Keras shows in summaries, e.g. "Conv2D". */
    public String className() {
        return getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- building

    /** Connects this layer to symbolic inputs (the functional API) and returns its symbolic output. */
    public SymbolicTensor apply(SymbolicTensor... inputs) {
        return apply(null, inputs);
    }

    /**
     * Keras's {@code layer(x, training=...)}: with {@code training} false the layer always runs in
     * inference mode, whatever the model runs in (a base whose BatchNormalization keeps its moving
     * statistics while its weights train: the fine-tuning practical's "BatchNorm gotcha"); with
     * true, always in training mode.
     */
    public SymbolicTensor apply(SymbolicTensor input, boolean training) {
        return apply(training, input);
    }

    private SymbolicTensor apply(Boolean training, SymbolicTensor... inputs) {
        List<int[]> shapes = new ArrayList<>();
        for (SymbolicTensor t : inputs) {
            shapes.add(t.shape());
        }
        build(shapes);
        return new SymbolicTensor(this, List.of(inputs), outputShape, training);
    }

    /** Fixes the input shapes (per sample) and declares the weights; a second call must agree. */
    public final void build(List<int[]> shapes) {
        if (inputShapes != null) {
            for (int i = 0; i < shapes.size(); i++) {
                if (!Arrays.equals(shapes.get(i), inputShapes.get(i))) {
                    throw new IllegalArgumentException("layer " + name + " was built for input " + kerasShape(inputShapes.get(i))
                            + " and cannot take " + kerasShape(shapes.get(i)));
                }
            }
            return;
        }
        inputShapes = new ArrayList<>();
        for (int[] s : shapes) {
            inputShapes.add(s.clone());
        }
        outputShape = computeOutputShape(inputShapes);
    }

    /** Forgets the shapes so the layer can be built again (a Sequential model growing); keeps weights. */
    void resetBuild() {
        inputShapes = null;
        outputShape = null;
    }

    /** Checks the input shapes, declares weights with {@link #addWeight}, returns the output shape. */
    protected abstract int[] computeOutputShape(List<int[]> inputShapes);

    protected Parameter addWeight(String weightName, int[] shape, Initializer init, boolean gradientDescent) {
        Parameter p = new Parameter(this, weightName, shape, init, gradientDescent);
        parameters.add(p);
        return p;
    }

    public boolean isBuilt() {
        return outputShape != null;
    }

    /** Puts the weights on {@code b}, drawing initial values from {@code rng}; weights already there stay. */
    public void materialize(Backend b, Random rng) {
        requireBuilt();
        this.backend = b;
        for (Parameter p : parameters) {
            if (!p.isMaterialized()) {
                p.materialize(b, rng);
            }
        }
    }

    protected void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException("layer " + name + " is not built: give the model an input shape first");
        }
    }

    public int[] inputShape() {
        requireBuilt();
        return inputShapes.get(0).clone();
    }

    public List<int[]> inputShapes() {
        requireBuilt();
        return Collections.unmodifiableList(inputShapes);
    }

    public int[] outputShape() {
        requireBuilt();
        return outputShape.clone();
    }

    // ---------------------------------------------------------------- computing

    /** The output of a batch; {@code training} selects training behaviour (dropout, batch statistics). */
    public abstract Tensor forward(List<Tensor> inputs, boolean training);

    /**
     * Gradients of the inputs of the last forward, given the gradient of its output; writes the
     * weight gradients. An entry may be null when {@link #needInputGradient} is false.
     */
    public abstract List<Tensor> backward(Tensor gradOutput);

    public final Tensor forward(Tensor input, boolean training) {
        return forward(List.of(input), training);
    }

    /**
     * True for a Keras 3 operation on symbolic tensors rather than a layer ({@code x + 3.0} inside a
     * model definition): it computes in the graph, but like Keras 3's operations it is not one of
     * {@code model.layers}, so freezing "all but the last N layers" counts what Keras counts.
     */
    public boolean isOperation() {
        return false;
    }

    /** True when training mode draws random numbers (dropout), so outputs cannot be cached. */
    public boolean isStochasticInTraining() {
        return false;
    }

    /** True when the output is softmax(logits()), so a cross-entropy loss can fuse with it. */
    public boolean outputsSoftmax() {
        return false;
    }

    /** True when the output is sigmoid(logits()), so a binary cross-entropy loss can fuse with it. */
    public boolean outputsSigmoid() {
        return false;
    }

    /** The pre-activation of the last forward, for layers whose output is softmax or sigmoid of it. */
    public Tensor logits() {
        throw new UnsupportedOperationException(name + " has no fused output activation");
    }

    /** As {@link #backward}, but starting from the gradient of {@link #logits()}. */
    public List<Tensor> backwardFromLogits(Tensor gradLogits) {
        throw new UnsupportedOperationException(name + " has no fused output activation");
    }

    /** Set by the model before a backward pass: whether this layer must compute input gradients. */
    public void setNeedInputGradient(boolean need) {
        this.needInputGradient = need;
    }

    public void setTrainingStep(long step) {
        this.trainingStep = step;
    }

    /** A buffer of the given batch shape: {@code current} if it already has it, else a new one. */
    protected Tensor reuse(Tensor current, int... shape) {
        return current != null && current.hasShape(shape) ? current : backend.zeros(shape);
    }

    /** (batch, per-sample shape...) */
    protected static int[] batchShape(int batch, int[] perSample) {
        int[] s = new int[perSample.length + 1];
        s[0] = batch;
        System.arraycopy(perSample, 0, s, 1, perSample.length);
        return s;
    }

    // ---------------------------------------------------------------- weights

    /** All weights in Keras's order: trainable-kind first as declared, then the statistics. */
    public List<Parameter> weights() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.isGradientDescentWeight()) {
                out.add(p);
            }
        }
        for (Parameter p : parameters) {
            if (!p.isGradientDescentWeight()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Weights trainable now (live flags, as Keras's {@code trainable_weights}). */
    public List<Parameter> trainableWeights() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : weights()) {
            if (p.trainable()) {
                out.add(p);
            }
        }
        return out;
    }

    public long countParams() {
        long n = 0;
        for (Parameter p : weights()) {
            n += p.count();
        }
        return n;
    }

    public long countTrainableParams() {
        long n = 0;
        for (Parameter p : trainableWeights()) {
            n += p.count();
        }
        return n;
    }

    /** The flag as set on this layer (Keras's {@code layer.trainable}). */
    public boolean isTrainable() {
        return trainable;
    }

    /** Keras's {@code layer.trainable = flag}; takes effect for training at the next compile. */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    /** Trainable here and in every enclosing model (freezing a base model freezes its layers). */
    public boolean isEffectivelyTrainable() {
        return trainable && (parent == null || parent.isEffectivelyTrainable());
    }

    /**
     * Whether this layer trains in the current run: the state taken at the last compile (Keras
     * traces its training step at compile), or the live state before any compile.
     */
    public boolean trainsNow() {
        return trainableAtCompile != null ? trainableAtCompile : isEffectivelyTrainable();
    }

    /** Records the trainable state for training; called by the model's compile. */
    protected void snapshotTrainable() {
        trainableAtCompile = isEffectivelyTrainable();
    }

    /** The model this layer first belonged to, if any: the one whose freezing freezes it. */
    public Graph parent() {
        return parent;
    }

    /**
     * Records the model this layer is in. A model built on another's input and output (Keras's
     * {@code Model(base.input, head(base.output))}) holds the other's layers too; they keep their
     * first model, so freezing that one still freezes them.
     */
    void setParent(Graph model) {
        if (parent == null) {
            parent = model;
        }
    }

    /** The layer's settings by Keras's argument names, for saving and rebuilding. */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("trainable", trainable);
        return c;
    }

    // ---------------------------------------------------------------- shapes shown the Keras way

    /** "(None, 32, 32, 3)" for a per-sample (3, 32, 32). */
    public static String kerasShape(int[] perSample) {
        StringBuilder b = new StringBuilder("(None");
        int[] k = toChannelsLast(perSample);
        for (int d : k) {
            b.append(", ").append(d);
        }
        return b.append(")").toString();
    }

    /** (C, H, W) to (H, W, C); other ranks unchanged. */
    public static int[] toChannelsLast(int[] perSample) {
        if (perSample.length != 3) {
            return perSample.clone();
        }
        return new int[] {perSample[1], perSample[2], perSample[0]};
    }

    /** (H, W, C) to (C, H, W); other ranks unchanged. */
    public static int[] toChannelsFirst(int[] kerasShape) {
        if (kerasShape.length != 3) {
            return kerasShape.clone();
        }
        return new int[] {kerasShape[2], kerasShape[0], kerasShape[1]};
    }

    @Override
    public String toString() {
        return name + " (" + className() + ")";
    }
}
