package dev.tuneboard.web;

import dev.tuneboard.data.DataException;
import dev.tuneboard.data.DigitFolder;
import dev.tuneboard.data.IdxFile;
import dev.tuneboard.data.IdxReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws digits from IDX files as PNGs. Only the four file names {@link DigitFolder} knows are ever opened,
 * so no request text reaches the filesystem; the files stay cached (a few MB each) so a gallery is fast.
 */
final class SampleImages {
    static final int SCALE = 4;

    private final IdxReader reader = new IdxReader();
    private final Map<Path, IdxFile> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, IdxFile> eldest) {
            return size() > 4;
        }
    };

    enum SplitFile {
        TEST(DigitFolder.Part.TEST_IMAGES, DigitFolder.Part.TEST_LABELS),
        TRAIN(DigitFolder.Part.TRAIN_IMAGES, DigitFolder.Part.TRAIN_LABELS);

        final DigitFolder.Part images;
        final DigitFolder.Part labels;

        SplitFile(DigitFolder.Part images, DigitFolder.Part labels) {
            this.images = images;
            this.labels = labels;
        }
    }

    /** The images file of {@code split} in {@code dataDir}; fails when the folder is not a digit folder. */
    IdxFile images(Path dataDir, SplitFile split) throws DataException {
        return load(DigitFolder.locate(dataDir).file(split.images), IdxFile.IMAGES);
    }

    IdxFile labels(Path dataDir, SplitFile split) throws DataException {
        return load(DigitFolder.locate(dataDir).file(split.labels), IdxFile.LABELS);
    }

    private IdxFile load(Path file, int magic) throws DataException {
        synchronized (cache) {
            IdxFile f = cache.get(file);
            if (f != null) return f;
        }
        IdxFile read = reader.read(file, magic);
        synchronized (cache) {
            cache.put(file, read);
        }
        return read;
    }

    /** White digit on black, as MNIST stores it, scaled up {@link #SCALE}× with hard pixel edges. */
    static byte[] png(IdxFile images, int index) {
        int rows = images.rows();
        int cols = images.cols();
        BufferedImage img = new BufferedImage(cols * SCALE, rows * SCALE, BufferedImage.TYPE_BYTE_GRAY);
        var raster = img.getRaster();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int v = images.unsigned(index, r * cols + c);
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) raster.setSample(c * SCALE + dx, r * SCALE + dy, 0, v);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
