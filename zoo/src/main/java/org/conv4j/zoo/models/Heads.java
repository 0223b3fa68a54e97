package org.conv4j.zoo.models;

import org.conv4j.layers.Dense;
import org.conv4j.layers.Flatten;
import org.conv4j.layers.GlobalAveragePooling2D;
import org.conv4j.layers.GlobalMaxPooling2D;
import org.conv4j.layers.SymbolicTensor;

/** The ends the Keras applications share: the classifier with the top, or the optional pooling without. */
final class Heads {
    private Heads() {}

    /**
     * With the top: global average pooling, then a softmax Dense named {@code predictionsName}.
     * Without: nothing, or global average / max pooling for {@code pooling} "avg" / "max".
     */
    static SymbolicTensor top(SymbolicTensor x, boolean includeTop, String pooling, int classes, String predictionsName) {
        if (includeTop) {
            SymbolicTensor pooled = new GlobalAveragePooling2D().apply(x);
            return new Dense(classes, "softmax").named(predictionsName).apply(pooled);
        }
        return pool(x, pooling);
    }

    static SymbolicTensor pool(SymbolicTensor x, String pooling) {
        return pool(x, pooling, null, null);
    }

    /** As {@link #pool(SymbolicTensor, String)}, naming the pooling layer (null: Keras's default name). */
    static SymbolicTensor pool(SymbolicTensor x, String pooling, String avgName, String maxName) {
        String p = pooling == null ? "none" : pooling;
        switch (p) {
            case "none":
                return x;
            case "avg": {
                GlobalAveragePooling2D avg = new GlobalAveragePooling2D();
                return (avgName == null ? avg : avg.<GlobalAveragePooling2D>named(avgName)).apply(x);
            }
            case "max": {
                GlobalMaxPooling2D max = new GlobalMaxPooling2D();
                return (maxName == null ? max : max.<GlobalMaxPooling2D>named(maxName)).apply(x);
            }
            default:
                throw new IllegalArgumentException("unknown pooling '" + pooling + "': expected none, avg or max");
        }
    }

    /** VGG's classifier: flatten, fc1 and fc2 (4096, relu), predictions (softmax). */
    static SymbolicTensor vggTop(SymbolicTensor x, int classes) {
        x = new Flatten().named("flatten").apply(x);
        x = new Dense(4096, "relu").named("fc1").apply(x);
        x = new Dense(4096, "relu").named("fc2").apply(x);
        return new Dense(classes, "softmax").named("predictions").apply(x);
    }
}
