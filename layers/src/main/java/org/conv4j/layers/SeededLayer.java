package org.conv4j.layers;

/** A layer that draws random numbers in training (dropout, augmentation): the model seeds it from its own seed at build. */
interface SeededLayer {
    void setSeed(long seed);
}
