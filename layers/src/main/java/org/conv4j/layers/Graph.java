package org.conv4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.conv4j.engine.Backend;
import org.conv4j.engine.Tensor;

/**
 * The graph of a functional model (Keras's {@code Model(inputs, outputs)}): layers with one output,
 * ordered and run; it knows nothing of training or files ({@code Model} adds Keras's compile and fit
 * on top, {@code Trainer} trains it, {@code ModelIO} reads and writes it).
 * Layers run in Keras's order of {@code model.layers}: by depth from the output, deepest first, ties
 * by the order a depth-first walk from the output meets them (Keras's {@code map_graph}).
 *
 * <p>A model is also a layer, so a whole model (a pretrained base) can sit inside another one.
 * Backward walks the graph in reverse, adding the gradients of a tensor used by several layers
 * (residual connections), and skips every layer that neither trains nor leads to one that does.
 * A top-level model computes no gradient for its inputs unless asked with
 * {@link #setNeedInputGradient}; a model nested in another is asked by it when needed.
 *
 * <p>At inference a convolution runs fused with the BatchNormalization that alone reads its output
 * and the activation that alone reads that one (MobileNetV2's conv, BN, ReLU6; ResNet's conv, BN,
 * ReLU): the normalization folds into the kernel and bias and the activation is applied as the
 * convolution writes, one pass over memory instead of three. That happens where no backward can
 * reach the three layers: in {@link #forwardInference} (predict, evaluate) and, in any forward,
 * in the frozen part of a model that no trained layer lies before.
 */
public class Graph extends Layer {
    /** One application of a layer in the graph. */
    private static final class Node {
        final Layer layer;
        final int[] inputs;
        /** Keras's training=... of this call: null follows the model's mode. */
        final Boolean training;
        Tensor output;
        Tensor grad;
        Tensor gradSum;
        boolean gradOwned;
        boolean leadsToTraining;
        /** The fusion this node (a convolution) starts, or null. */
        FusedChain chain;

        Node(Layer layer, int[] inputs, Boolean training) {
            this.layer = layer;
            this.inputs = inputs;
            this.training = training;
        }

        boolean isInput() {
            return layer instanceof InputLayer;
        }

        /** True when this call of the layer runs in training mode in a fit and then draws random numbers. */
        boolean drawsRandomNumbers() {
            return layer.isStochasticInTraining() && !Boolean.FALSE.equals(training);
        }
    }

    /**
     * A convolution (node {@code conv}) and the nodes it fuses with at inference: the
     * BatchNormalization that alone reads its output and the activation that alone reads the one
     * before it, each -1 when absent; {@code f} is the activation applied (the convolution's own
     * when it has one, then there is no BatchNormalization). {@code last} is the chain's last node.
     */
    private record FusedChain(int conv, int batchNorm, int activation, ActivationFunction f, int last) {}

    private final List<Node> nodes = new ArrayList<>();
    /** True after a {@link #forwardInference}: the layers did not keep what a backward needs. */
    private boolean lastForwardInferenceOnly;
    private final List<Integer> inputNodes = new ArrayList<>();
    private int outputNode = -1;
    private List<SymbolicTensor> inputTensors = List.of();
    private SymbolicTensor outputTensor;
    private long seed;
    private Random shuffleRandom;

    protected Graph(List<SymbolicTensor> inputs, SymbolicTensor output, String name) {
        super(null);
        needInputGradient = false;
        if (name != null) {
            named(name);
        }
        setGraph(inputs, output);
    }

    /** For Sequential, which sets its graph as layers are added. */
    protected Graph(String name) {
        super(null);
        needInputGradient = false;
        if (name != null) {
            named(name);
        }
    }

    /** Orders the graph between {@code inputs} and {@code output} the way Keras orders model.layers. */
    protected final void setGraph(List<SymbolicTensor> inputs, SymbolicTensor output) {
        for (SymbolicTensor in : inputs) {
            if (!(in.layer() instanceof InputLayer)) {
                throw new IllegalArgumentException("model inputs must come from InputLayer.input(...), got " + in);
            }
        }
        Map<SymbolicTensor, Integer> preorder = new IdentityHashMap<>();
        List<SymbolicTensor> postorder = new ArrayList<>();
        walk(output, preorder, postorder, new IdentityHashMap<>());
        for (SymbolicTensor in : inputs) {
            if (!preorder.containsKey(in)) {
                throw new IllegalArgumentException("model input " + in + " is not connected to the output " + output);
            }
        }
        // Keras's depths: the output has depth 0; an input of a node at depth d has depth >= d + 1.
        Map<SymbolicTensor, Integer> depth = new IdentityHashMap<>();
        for (int i = postorder.size() - 1; i >= 0; i--) {
            SymbolicTensor t = postorder.get(i);
            int d = depth.getOrDefault(t, 0);
            depth.put(t, d);
            for (SymbolicTensor parent : t.inputs()) {
                depth.put(parent, Math.max(d + 1, depth.getOrDefault(parent, 0)));
            }
        }
        List<SymbolicTensor> order = new ArrayList<>(postorder);
        order.sort((a, b) -> depth.get(a).equals(depth.get(b))
                ? Integer.compare(preorder.get(a), preorder.get(b)) : Integer.compare(depth.get(b), depth.get(a)));
        Map<SymbolicTensor, Integer> index = new IdentityHashMap<>();
        Map<Layer, Boolean> seen = new IdentityHashMap<>();
        nodes.clear();
        inputNodes.clear();
        for (SymbolicTensor t : order) {
            if (seen.put(t.layer(), true) != null) {
                throw new IllegalArgumentException("layer " + t.layer().name() + " is applied twice in one model; "
                        + "conv4j does not support shared layers");
            }
            int[] ins = new int[t.inputs().size()];
            for (int i = 0; i < ins.length; i++) {
                ins[i] = index.get(t.inputs().get(i));
            }
            index.put(t, nodes.size());
            nodes.add(new Node(t.layer(), ins, t.training()));
            t.layer().setParent(this);
        }
        for (SymbolicTensor in : inputs) {
            inputNodes.add(index.get(in));
        }
        outputNode = index.get(output);
        findFusedChains();
        inputTensors = List.copyOf(inputs);
        outputTensor = output;
        List<int[]> shapes = new ArrayList<>();
        for (SymbolicTensor in : inputs) {
            shapes.add(in.shape());
        }
        build(shapes);
    }

    /** Marks the convolutions that start a {@link FusedChain} (the graph's structure alone decides). */
    private void findFusedChains() {
        int[] readers = new int[nodes.size()];
        int[] reader = new int[nodes.size()];
        readers[outputNode]++; // the model's caller reads its output
        for (int k = 0; k < nodes.size(); k++) {
            for (int i : nodes.get(k).inputs) {
                readers[i]++;
                reader[i] = k;
            }
        }
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            n.chain = null;
            if (!(n.layer instanceof ConvolutionLayer<?> conv) || conv.activation().isSoftmax()) {
                continue;
            }
            ActivationFunction f = conv.activation();
            int batchNorm = -1, activation = -1, last = k;
            if (f.isLinear()) {
                int r = readers[k] == 1 ? reader[k] : -1;
                if (r >= 0 && nodes.get(r).layer instanceof BatchNormalization) {
                    batchNorm = r;
                    last = r;
                    r = readers[r] == 1 ? reader[r] : -1;
                }
                if (r >= 0 && nodes.get(r).layer instanceof ElementwiseActivation a && !a.function().isSoftmax()) {
                    activation = r;
                    last = r;
                    f = a.function();
                }
            }
            // A sigmoid output layer's logits feed the loss; the fused run does not keep them.
            boolean sigmoidOutput = last == outputNode && f.isSigmoid();
            if ((!f.isLinear() || batchNorm >= 0) && !sigmoidOutput) {
                n.chain = new FusedChain(k, batchNorm, activation, f, last);
            }
        }
    }

    /**
     * Keras's {@code model.input}: with {@link #output}, what a model that extends this one is built
     * on, Keras's {@code Model(base.input, Dense(10)(base.output))}. That model holds this one's
     * layers itself (its {@code layers} lists them all, and feature caching can stop inside them);
     * freezing this model still freezes them there.
     */
    public SymbolicTensor input() {
        if (inputTensors.size() != 1) {
            throw new IllegalStateException("model " + name() + " has " + inputTensors.size() + " inputs, not one");
        }
        return inputTensors.get(0);
    }

    /** Keras's {@code model.output}: see {@link #input}. */
    public SymbolicTensor output() {
        if (outputTensor == null) {
            throw new IllegalStateException("model " + name() + " has no layers yet");
        }
        return outputTensor;
    }

    /** Sequential's add: the same inputs, a new output; the model's output shape follows it. */
    protected final void setGraphAgain(List<SymbolicTensor> inputs, SymbolicTensor output) {
        resetBuild();
        setGraph(inputs, output);
    }

    private static void walk(SymbolicTensor t, Map<SymbolicTensor, Integer> preorder, List<SymbolicTensor> postorder,
                             Map<SymbolicTensor, Boolean> inProgress) {
        if (preorder.containsKey(t)) {
            if (inProgress.containsKey(t)) {
                throw new IllegalArgumentException("the layer graph has a cycle through " + t.layer().name());
            }
            return;
        }
        preorder.put(t, preorder.size());
        inProgress.put(t, true);
        for (SymbolicTensor in : t.inputs()) {
            walk(in, preorder, postorder, inProgress);
        }
        inProgress.remove(t);
        postorder.add(t);
    }

    @Override
    protected int[] computeOutputShape(List<int[]> inputShapes) {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("model " + name() + " has no layers");
        }
        for (int i = 0; i < inputNodes.size(); i++) {
            int[] expected = nodes.get(inputNodes.get(i)).layer.outputShape();
            if (!Arrays.equals(expected, inputShapes.get(i))) {
                throw new IllegalArgumentException("model " + name() + " expects input " + kerasShape(expected)
                        + ", got " + kerasShape(inputShapes.get(i)));
            }
        }
        return nodes.get(outputNode).layer.outputShape();
    }

    /** A model draws random numbers in training when any of its layers does (a dropout inside a base). */
    @Override
    public boolean isStochasticInTraining() {
        for (Node n : nodes) {
            if (n.drawsRandomNumbers()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Keras 3's {@code model.trainable = flag}: sets the flag of the model and of every layer in it,
     * nested models included, so unfreezing a base unfreezes all its layers (freeze some again
     * afterwards for "all but the last N"). Takes effect for training at the next compile.
     */
    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        for (Node n : nodes) {
            n.layer.setTrainable(trainable);
        }
    }

    /** The shuffling stream of fit calls given no seed: seeded at build, it goes on from call to call as Keras's does. */
    public java.util.Random shuffleRandom() {
        if (shuffleRandom == null) {
            shuffleRandom = new Random(seed);
        }
        return shuffleRandom;
    }

    /** Keras shows functional models as "Functional". */
    @Override
    public String className() {
        return "Functional";
    }

    /**
     * Keras's {@code model.layers}: every layer in order, the InputLayer included (not for
     * Sequential), operations ({@link Layer#isOperation}) left out as Keras 3 leaves them out.
     */
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        for (Node n : nodes) {
            if (!n.layer.isOperation()) {
                out.add(n.layer);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The layer named {@code layerName} (Keras's get_layer). */
    public Layer getLayer(String layerName) {
        for (Node n : nodes) {
            if (n.layer.name().equals(layerName) && !n.layer.isOperation()) {
                return n.layer;
            }
        }
        throw new IllegalArgumentException("model " + name() + " has no layer named '" + layerName + "'");
    }

    /** The nodes feeding node {@code i} of the graph order ({@link #graphLayer}), by index. */
    public int[] inboundLayers(int i) {
        return nodes.get(i).inputs.clone();
    }

    /** The layers whose outputs feed {@code layer} in this model. */
    public List<Layer> inboundOf(Layer layer) {
        for (Node n : nodes) {
            if (n.layer == layer) {
                List<Layer> out = new ArrayList<>();
                for (int i : n.inputs) {
                    out.add(nodes.get(i).layer);
                }
                return out;
            }
        }
        throw new IllegalArgumentException("layer " + layer.name() + " is not in model " + name());
    }

    public Layer outputLayer() {
        return nodes.get(outputNode).layer;
    }

    // ---------------------------------------------------------------- weights

    @Override
    public List<Parameter> weights() {
        List<Parameter> out = new ArrayList<>();
        for (Node n : nodes) {
            out.addAll(n.layer.weights());
        }
        return out;
    }

    @Override
    public List<Parameter> trainableWeights() {
        List<Parameter> out = new ArrayList<>();
        for (Node n : nodes) {
            out.addAll(n.layer.trainableWeights());
        }
        return out;
    }

    /** The weights the current run trains (the state of the last compile). */
    public List<Parameter> weightsTrainedNow() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : weights()) {
            if (p.trainsNow()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Copies of all weight values, in {@link #weights()} order (Keras's get_weights). */
    public List<float[]> getWeights() {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : weights()) {
            out.add(p.value().toFloatArray());
        }
        return out;
    }

    /** Puts back values in {@link #weights()} order (Keras's set_weights); sizes must match. */
    public void setWeights(List<float[]> values) {
        List<Parameter> ws = weights();
        if (values.size() != ws.size()) {
            throw new IllegalArgumentException("model " + name() + " has " + ws.size() + " weights, got " + values.size());
        }
        for (int i = 0; i < ws.size(); i++) {
            Parameter p = ws.get(i);
            if (values.get(i).length != p.count()) {
                throw new IllegalArgumentException("weight " + p.path() + " holds " + p.count() + " values, got " + values.get(i).length);
            }
            p.value().copyFrom(Tensor.of(values.get(i), p.shape()));
        }
    }

    @Override
    protected void snapshotTrainable() {
        super.snapshotTrainable();
        for (Node n : nodes) {
            n.layer.snapshotTrainable();
        }
    }

    // ---------------------------------------------------------------- building on a backend

    /**
     * Creates the weights on {@code b} (Glorot-uniform kernels, zero biases, as Keras), drawn from
     * one random stream seeded with {@code seed}, layer by layer in model order.
     */
    public Graph build(Backend b, long seed) {
        this.seed = seed;
        this.shuffleRandom = new Random(seed);
        materialize(b, new Random(seed));
        return this;
    }

    @Override
    public void materialize(Backend b, Random rng) {
        super.materialize(b, rng);
        for (int i = 0; i < nodes.size(); i++) {
            Layer layer = nodes.get(i).layer;
            if (layer instanceof SeededLayer seeded) {
                seeded.setSeed(rng.nextLong());
            }
            layer.materialize(b, rng);
        }
    }

    public Backend backend() {
        return backend;
    }

    public long seed() {
        return seed;
    }

    // ---------------------------------------------------------------- forward and backward

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        forwardRange(inputs, 0, nodes.size() - 1, training, false);
        return nodes.get(outputNode).output;
    }

    /**
     * The output of a batch in inference mode when nothing will be differentiated (predict,
     * evaluate, feature extraction): every convolution fuses with the normalization and activation
     * after it (see the class comment), so {@link #backward} may not follow.
     */
    public Tensor forwardInference(Tensor input) {
        forwardRange(List.of(input), 0, nodes.size() - 1, false, true);
        return nodes.get(outputNode).output;
    }

    /** {@link #forwardInference} of the layers after {@code start}, taking {@code value} as the output of layer {@code start}. */
    public Tensor forwardInferenceFrom(int start, Tensor value) {
        nodes.get(start).output = value;
        forwardRange(null, start + 1, nodes.size() - 1, false, true);
        return nodes.get(outputNode).output;
    }

    /**
     * Sets the inputs (unless null) and runs the layers with indices in [from, to]; with
     * {@code noBackward}, every chain fuses (no backward may follow), else only those that no
     * backward reaches.
     */
    private void forwardRange(List<Tensor> inputs, int from, int to, boolean training, boolean noBackward) {
        if (backend == null) {
            throw new IllegalStateException("model " + name() + " has no weights yet: call build(backend, seed) first");
        }
        if (inputs != null) {
            setInputs(inputs);
        }
        lastForwardInferenceOnly = noBackward;
        if (!noBackward) {
            markLayersLeadingToTraining();
        }
        boolean[] fused = new boolean[nodes.size()];
        for (int k = from; k <= to; k++) {
            Node n = nodes.get(k);
            if (n.isInput() || fused[k]) {
                continue;
            }
            List<Tensor> ins = new ArrayList<>(n.inputs.length);
            for (int i : n.inputs) {
                ins.add(nodes.get(i).output);
            }
            boolean nodeTraining = n.training != null ? n.training : training;
            n.layer.setTrainingStep(trainingStep);
            if (n.chain != null && canFuse(n.chain, to, training, noBackward)) {
                FusedChain c = n.chain;
                BatchNormalization bn = c.batchNorm() < 0 ? null : (BatchNormalization) nodes.get(c.batchNorm()).layer;
                Tensor out = ((ConvolutionLayer<?>) n.layer).forwardFused(ins.get(0), bn, c.f());
                for (int j : new int[] {c.conv(), c.batchNorm(), c.activation()}) {
                    if (j >= 0) {
                        fused[j] = true;
                        nodes.get(j).output = j == c.last() ? out : null;
                    }
                }
            } else if (n.layer instanceof Graph inner) {
                if (!noBackward) {
                    // As backward will ask it: a nested model fuses only where no gradient is wanted.
                    inner.setNeedInputGradient(anyInputLeadsToTraining(n));
                }
                inner.forwardRange(ins, 0, inner.nodes.size() - 1, nodeTraining, noBackward);
                n.output = inner.nodes.get(inner.outputNode).output;
            } else {
                n.output = n.layer.forward(ins, nodeTraining);
            }
        }
    }

    /**
     * Whether a chain may run fused now: it lies inside the range, its normalization runs in
     * inference mode, and (unless nothing will be differentiated) no backward reaches its last node.
     */
    private boolean canFuse(FusedChain c, int to, boolean training, boolean noBackward) {
        if (c.last() > to) {
            return false;
        }
        if (c.batchNorm() >= 0) {
            Node bn = nodes.get(c.batchNorm());
            if ((bn.training != null ? bn.training : training) && bn.layer.trainsNow()) {
                return false;
            }
        }
        return noBackward || !nodes.get(c.last()).leadsToTraining;
    }

    private boolean anyInputLeadsToTraining(Node n) {
        for (int i : n.inputs) {
            if (nodes.get(i).leadsToTraining) {
                return true;
            }
        }
        return false;
    }

    private void setInputs(List<Tensor> inputs) {
        if (inputs.size() != inputNodes.size()) {
            throw new IllegalArgumentException("model " + name() + " takes " + inputNodes.size() + " inputs, got " + inputs.size());
        }
        for (int i = 0; i < inputNodes.size(); i++) {
            Tensor x = inputs.get(i);
            int[] expected = batchShape(x.dim(0), nodes.get(inputNodes.get(i)).layer.outputShape());
            if (!x.hasShape(expected)) {
                throw new IllegalArgumentException("model " + name() + " expects input " + kerasShape(nodes.get(inputNodes.get(i)).layer.outputShape())
                        + " (NCHW batch " + Arrays.toString(expected) + "), got " + x.shapeString());
            }
            nodes.get(inputNodes.get(i)).output = x;
        }
    }

    /**
     * The end of this model's frozen stem, for feature caching: the last layer (index in graph
     * order) such that it and every layer before it trains no weight in the current run and is
     * deterministic in training (no dropout), and no later layer reads anything before it. -1 when
     * there is none, or when it would be an input or the output.
     */
    public int frozenStemEnd() {
        int[] earliestReadAfter = new int[nodes.size()];
        int earliest = Integer.MAX_VALUE;
        for (int k = nodes.size() - 1; k >= 0; k--) {
            earliestReadAfter[k] = earliest;
            for (int i : nodes.get(k).inputs) {
                earliest = Math.min(earliest, i);
            }
        }
        int best = -1;
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            if (!n.isInput() && (hasWeightsTrainedNow(n.layer) || n.drawsRandomNumbers())) {
                break;
            }
            if (!n.isInput() && k != outputNode && earliestReadAfter[k] >= k) {
                best = k;
            }
        }
        return best;
    }

    /**
     * The first layer that draws random numbers in training (augmentation, dropout) ahead of a frozen
     * layer with weights, with no trained layer before that one: what keeps a frozen base's outputs
     * from being cached. Null when there is none.
     */
    public Layer randomnessBeforeFrozenLayers() {
        Layer random = null;
        for (Node n : nodes) {
            if (n.isInput()) {
                continue;
            }
            if (hasWeightsTrainedNow(n.layer)) {
                return null;
            }
            if (!n.layer.weights().isEmpty() && random != null) {
                return random;
            }
            if (random == null && n.drawsRandomNumbers()) {
                random = n.layer;
            }
        }
        return null;
    }

    /** Where {@code layer} is in the graph order (as {@link #forwardTo} counts), or -1 when it is not a node of this graph. */
    public int indexOf(Layer layer) {
        for (int k = 0; k < nodes.size(); k++) {
            if (nodes.get(k).layer == layer) {
                return k;
            }
        }
        return -1;
    }

    /** The layer at {@code index} of the graph order (as {@link #frozenStemEnd} counts). */
    public Layer graphLayer(int index) {
        return nodes.get(index).layer;
    }

    /** Runs the layers up to and including {@code end} (see {@link #frozenStemEnd}) and returns that layer's output. */
    public Tensor forwardTo(int end, Tensor input, boolean training) {
        forwardRange(List.of(input), 0, end, training, false);
        return nodes.get(end).output;
    }

    /** Runs the layers after {@code start}, taking {@code value} as the output of layer {@code start}. */
    public Tensor forwardFrom(int start, Tensor value, boolean training) {
        nodes.get(start).output = value;
        forwardRange(null, start + 1, nodes.size() - 1, training, false);
        return nodes.get(outputNode).output;
    }

    @Override
    public List<Tensor> backward(Tensor gradOutput) {
        return backwardFrom(gradOutput, false);
    }

    @Override
    public boolean outputsSoftmax() {
        return outputLayer().outputsSoftmax();
    }

    @Override
    public boolean outputsSigmoid() {
        return outputLayer().outputsSigmoid();
    }

    @Override
    public Tensor logits() {
        return outputLayer().logits();
    }

    @Override
    public List<Tensor> backwardFromLogits(Tensor gradLogits) {
        return backwardFrom(gradLogits, true);
    }

    /**
     * Walks the graph backwards from the output. Weight gradients are written by each layer; the
     * gradient of a tensor read by several layers is the sum of what each sends back.
     */
    private List<Tensor> backwardFrom(Tensor grad, boolean fromLogits) {
        if (lastForwardInferenceOnly) {
            throw new IllegalStateException("model " + name() + ": backward after forwardInference, whose fused layers keep "
                    + "nothing for it; run forward(x, training) before backward");
        }
        markLayersLeadingToTraining();
        for (Node n : nodes) {
            n.grad = null;
            n.gradOwned = false;
        }
        nodes.get(outputNode).grad = grad;
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node n = nodes.get(k);
            if (n.isInput() || n.grad == null || !n.leadsToTraining) {
                continue;
            }
            n.layer.setNeedInputGradient(anyInputLeadsToTraining(n));
            List<Tensor> grads = fromLogits && k == outputNode ? n.layer.backwardFromLogits(n.grad) : n.layer.backward(n.grad);
            for (int j = 0; j < n.inputs.length; j++) {
                Node in = nodes.get(n.inputs[j]);
                if (grads.get(j) != null && in.leadsToTraining) {
                    accumulate(in, grads.get(j));
                }
            }
        }
        List<Tensor> out = new ArrayList<>();
        for (int i : inputNodes) {
            out.add(nodes.get(i).grad);
        }
        return out;
    }

    private void accumulate(Node n, Tensor g) {
        if (n.grad == null) {
            n.grad = g;
            return;
        }
        if (!n.gradOwned) {
            n.gradSum = reuse(n.gradSum, g.shape());
            backend.copy(n.grad, n.gradSum);
            n.grad = n.gradSum;
            n.gradOwned = true;
        }
        backend.add(n.grad, g, n.grad);
    }

    /** A node's backward must run when its layer trains or it lies on a path from one that does. */
    private void markLayersLeadingToTraining() {
        for (Node n : nodes) {
            boolean leads = n.isInput() ? needInputGradient : hasWeightsTrainedNow(n.layer);
            for (int i : n.inputs) {
                leads |= nodes.get(i).leadsToTraining;
            }
            n.leadsToTraining = leads;
        }
    }

    private static boolean hasWeightsTrainedNow(Layer layer) {
        for (Parameter p : layer.weights()) {
            if (p.trainsNow()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- summary

    /** Keras's model.summary() as text: one row per layer, then total / trainable / non-trainable. */
    public String summary() {
        return Summary.of(this);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>(super.config());
        List<Map<String, Object>> layerConfigs = new ArrayList<>();
        for (Node n : nodes) {
            Map<String, Object> lc = new LinkedHashMap<>();
            lc.put("class_name", n.layer.className());
            lc.put("config", n.layer.config());
            List<Integer> inbound = new ArrayList<>();
            for (int i : n.inputs) {
                inbound.add(i);
            }
            lc.put("inbound", inbound);
            if (n.training != null) {
                lc.put("training", n.training);
            }
            layerConfigs.add(lc);
        }
        c.put("layers", layerConfigs);
        List<Integer> ins = new ArrayList<>(inputNodes);
        c.put("inputs", ins);
        c.put("output", outputNode);
        return c;
    }
}
