package dev.tuneboard.predict;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Any picture → 784 floats the way MNIST looks: grey, 28×28, white digit on black. Dark-on-light
 * pictures (a digit drawn on paper) are inverted.
 */
public final class ImageInput {
    private ImageInput() {
    }

    public static float[] read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) throw new IOException(file + ": not an image ImageIO can read (PNG, JPEG, GIF, BMP)");
        return fromImage(image);
    }

    /** A picture's bytes (as uploaded); {@code what} names them in the error. */
    public static float[] decode(byte[] bytes, String what) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) throw new IOException(what + ": not an image ImageIO can read (PNG, JPEG, GIF, BMP)");
        return fromImage(image);
    }

    public static float[] fromImage(BufferedImage image) {
        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, 28, 28, java.awt.Color.WHITE, null);
        g.dispose();
        float[] pixels = new float[784];
        double mean = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float v = (grey.getRaster().getSample(x, y, 0) & 0xff) / 255f;
                pixels[y * 28 + x] = v;
                mean += v;
            }
        }
        if (mean / 784 > 0.5) {
            for (int i = 0; i < pixels.length; i++) pixels[i] = 1f - pixels[i];
        }
        return pixels;
    }
}
