package org.conv4j.zoo.data;

/** A data set's training and test images, as published. */
public record TrainTestSplit(LabeledImages train, LabeledImages test) {}
