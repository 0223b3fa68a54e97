package org.conv4j.zoo.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reading photos (JPEG, PNG, BMP, GIF through ImageIO) as RGB float planes, resized bilinearly. */
public final class ImageFiles {
    private ImageFiles() {}

    /** The image as RGB planes (3, H, W) of values in [0, 255], at its own size. */
    public static float[] readRgb(Path file, int[] sizeOut) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("image " + file + " does not exist");
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("image " + file + " is not in a format ImageIO reads (JPEG, PNG, BMP, GIF)");
        }
        int h = img.getHeight(), w = img.getWidth();
        float[] out = new float[3 * h * w];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                out[y * w + x] = (rgb >> 16) & 0xFF;
                out[h * w + y * w + x] = (rgb >> 8) & 0xFF;
                out[2 * h * w + y * w + x] = rgb & 0xFF;
            }
        }
        sizeOut[0] = h;
        sizeOut[1] = w;
        return out;
    }

    /** The image as RGB planes (3, height, width) in [0, 255], resized bilinearly. */
    public static float[] readRgb(Path file, int height, int width) throws IOException {
        int[] size = new int[2];
        float[] rgb = readRgb(file, size);
        return resizeBilinear(rgb, 3, size[0], size[1], height, width);
    }

    /**
     * Bilinear resize of (C, H, W) planes with half-pixel centres, as tf.image.resize (no
     * antialiasing): source coordinate = (destination + 0.5) * in / out - 0.5, clamped to the edges.
     */
    public static float[] resizeBilinear(float[] src, int channels, int h, int w, int oh, int ow) {
        float[] out = new float[channels * oh * ow];
        for (int y = 0; y < oh; y++) {
            double sy = Math.max(0, (y + 0.5) * h / oh - 0.5);
            int y0 = Math.min((int) sy, h - 1), y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < ow; x++) {
                double sx = Math.max(0, (x + 0.5) * w / ow - 0.5);
                int x0 = Math.min((int) sx, w - 1), x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                for (int c = 0; c < channels; c++) {
                    int p = c * h * w;
                    double top = src[p + y0 * w + x0] * (1 - fx) + src[p + y0 * w + x1] * fx;
                    double bottom = src[p + y1 * w + x0] * (1 - fx) + src[p + y1 * w + x1] * fx;
                    out[(c * oh + y) * ow + x] = (float) (top * (1 - fy) + bottom * fy);
                }
            }
        }
        return out;
    }
}
