package org.conv4j.zoo.keras;

import java.util.Locale;

/**
 * Keras's {@code preprocess_input} per architecture, on RGB planes (3, H, W) or batches of them in
 * [0, 255], in place. 'tf' (MobileNet, MobileNetV2): x / 127.5 - 1. 'caffe' (VGG16, VGG19,
 * ResNet50): RGB to BGR, then minus the ImageNet means (103.939, 116.779, 123.68) per BGR channel,
 * no scaling. 'torch' (DenseNet): x / 255, minus mean (0.485, 0.456, 0.406), over std
 * (0.229, 0.224, 0.225). NONE: Keras's pass-through preprocess_input of the models that carry
 * their preprocessing as layers. {@link Architecture#preprocessing} gives each model's mode.
 */
public enum Preprocessing {
    TF,
    CAFFE,
    TORCH,
    /** Pixels in [0, 255] as they are: the model preprocesses them itself (EfficientNet, MobileNetV3). */
    NONE;

    private static final float[] CAFFE_BGR_MEAN = {103.939f, 116.779f, 123.68f};
    private static final float[] TORCH_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] TORCH_STD = {0.229f, 0.224f, 0.225f};

    /** Applies the mode to {@code images}: a whole number of RGB images of {@code planeSize} pixels each. */
    public void apply(float[] images, int planeSize) {
        int imageSize = 3 * planeSize;
        if (images.length % imageSize != 0) {
            throw new IllegalArgumentException("preprocessing expects RGB images of " + planeSize + " pixels, got "
                    + images.length + " values");
        }
        if (this == NONE) {
            return;
        }
        for (int base = 0; base < images.length; base += imageSize) {
            if (this == CAFFE) {
                for (int i = 0; i < planeSize; i++) {
                    float r = images[base + i];
                    images[base + i] = images[base + 2 * planeSize + i] - CAFFE_BGR_MEAN[0];
                    images[base + planeSize + i] -= CAFFE_BGR_MEAN[1];
                    images[base + 2 * planeSize + i] = r - CAFFE_BGR_MEAN[2];
                }
                continue;
            }
            for (int c = 0; c < 3; c++) {
                for (int i = base + c * planeSize; i < base + (c + 1) * planeSize; i++) {
                    images[i] = this == TF ? images[i] / 127.5f - 1f : (images[i] / 255f - TORCH_MEAN[c]) / TORCH_STD[c];
                }
            }
        }
    }
}
