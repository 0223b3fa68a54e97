package org.conv4j.zoo.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.conv4j.engine.Tensor;
import org.conv4j.engine.io.AtomicFiles;
import java.util.List;
import org.conv4j.layers.Layer;

/**
 * The practicals' augmentation preview: one image under {@code count} draws of a model's
 * augmentation layers (each run in training mode, one training step per draw), tiled in a grid of
 * {@code columns}, written as a PNG (to a temporary file, then renamed). The first tile is the
 * image as it is. Values are clipped to [0, 255].
 */
public final class AugmentationPreview {
    private AugmentationPreview() {}

    /** {@code augmentation}: built augmentation layers (of a model), applied in order; {@code image}: (3, H, W) in [0, 255]. */
    public static void write(Path png, List<Layer> augmentation, float[] image, int height, int width, int count, int columns)
            throws IOException {
        if (count < 1 || columns < 1) {
            throw new IllegalArgumentException("a preview needs at least one image and one column, got " + count + " and " + columns);
        }
        int rows = (count + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(columns * width, rows * height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < count; i++) {
            float[] tile = image;
            if (i > 0) {
                Tensor x = Tensor.of(image.clone(), 1, 3, height, width);
                for (Layer layer : augmentation) {
                    layer.setTrainingStep(i);
                    x = layer.forward(x, true);
                }
                tile = x.toFloatArray();
            }
            int ox = i % columns * width, oy = i / columns * height, plane = height * width;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int r = clip(tile[y * width + x]), g = clip(tile[plane + y * width + x]), b = clip(tile[2 * plane + y * width + x]);
                    grid.setRGB(ox + x, oy + y, r << 16 | g << 8 | b);
                }
            }
        }
        AtomicFiles.write(png, out -> ImageIO.write(grid, "png", out));
    }

    private static int clip(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
