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
        if (img.getRaster().getNumBands() == 1 && !(img.getColorModel() instanceof java.awt.image.IndexColorModel)) {
            // Grey: the stored values for R, G and B, as TensorFlow decodes it (getRGB would apply
            // Java's linear-grey to sRGB conversion and brighten them).
            java.awt.image.Raster raster = img.getRaster();
            double scale = 255.0 / ((1 << img.getColorModel().getComponentSize(0)) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = (float) Math.rint(raster.getSample(x, y, 0) * scale);
                    out[y * w + x] = v;
                    out[h * w + y * w + x] = v;
                    out[2 * h * w + y * w + x] = v;
                }
            }
            sizeOut[0] = h;
            sizeOut[1] = w;
            return out;
        }
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
     * Nearest-neighbour resize of (C, H, W) planes as tf.image.resize(method="nearest"): source
     * index = min(floor((destination + 0.5) * in / out), in - 1).
     */
    public static float[] resizeNearest(float[] src, int channels, int h, int w, int oh, int ow) {
        float[] out = new float[channels * oh * ow];
        for (int y = 0; y < oh; y++) {
            int sy = Math.min((int) Math.floor((y + 0.5) * h / oh), h - 1);
            for (int x = 0; x < ow; x++) {
                int sx = Math.min((int) Math.floor((x + 0.5) * w / ow), w - 1);
                for (int c = 0; c < channels; c++) {
                    out[(c * oh + y) * ow + x] = src[(c * h + sy) * w + sx];
                }
            }
        }
        return out;
    }

    /** One grey plane from RGB planes, with tf.image.rgb_to_grayscale's weights (0.2989, 0.5870, 0.1140). */
    public static float[] toGrey(float[] rgb, int h, int w) {
        int plane = h * w;
        float[] out = new float[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (float) (0.2989 * rgb[i] + 0.5870 * rgb[plane + i] + 0.1140 * rgb[2 * plane + i]);
        }
        return out;
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
