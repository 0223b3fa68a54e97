package org.conv4j.apps.practical;

import org.conv4j.layers.Model;

/** A model a practical trains and, for a transfer model, the pretrained base inside it (else null). */
public record BuiltModel(Model model, Model base) {}
