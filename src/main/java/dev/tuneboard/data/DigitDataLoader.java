package dev.tuneboard.data;

import java.nio.file.Path;
import java.util.Random;

/**
 * IDX folder → {@link Splits}. The validation split is a seeded random sample of the training file;
 * the same seed gives the same split, so trials and resumed runs compare like with like.
 */
public final class DigitDataLoader {
    private final IdxReader reader;

    public DigitDataLoader(IdxReader reader) {
        this.reader = reader;
    }

    /**
     * The checks every entry point makes before training or queuing (the CLI's validate/run/submit, the
     * dashboard's submit, a worker): the four files exist with the right IDX headers, image and label counts
     * agree, SHA256SUMS matches when present, and the validation split leaves training images.
     */
    public DataCheck check(Path dir, int validation, int trainLimit) throws DataException {
        DigitFolder folder = DigitFolder.locate(dir);
        int[] counts = folder.checkHeaders(reader);
        int usable = trainLimit > 0 ? Math.min(trainLimit, counts[0]) : counts[0];
        if (validation >= usable) {
            throw new DataException("data.validation", "expected fewer than the " + usable
                    + " training images in use, found " + validation);
        }
        boolean verified = folder.verifyChecksums();
        return new DataCheck(dir, counts[0], counts[1], counts[2], counts[3], usable, verified, folder.dataHash());
    }

    public Splits load(Path dir, int validation, int trainLimit, int testLimit, long splitSeed) throws DataException {
        DigitFolder folder = DigitFolder.locate(dir);
        folder.checkHeaders(reader);
        boolean verified = folder.verifyChecksums();
        String hash = folder.dataHash();
        IdxFile trainImages = reader.read(folder.file(DigitFolder.Part.TRAIN_IMAGES), IdxFile.IMAGES);
        IdxFile trainLabels = reader.read(folder.file(DigitFolder.Part.TRAIN_LABELS), IdxFile.LABELS);
        IdxFile testImages = reader.read(folder.file(DigitFolder.Part.TEST_IMAGES), IdxFile.IMAGES);
        IdxFile testLabels = reader.read(folder.file(DigitFolder.Part.TEST_LABELS), IdxFile.LABELS);
        int classes = 1 + Math.max(maxLabel(trainLabels), maxLabel(testLabels));

        int[] order = shuffled(trainImages.count(), splitSeed);
        int usable = trainLimit > 0 ? Math.min(trainLimit, order.length) : order.length;
        if (validation >= usable) {
            throw new DataException("data.validation", "expected fewer than the " + usable
                    + " training images in use, found " + validation);
        }
        int[] validationRows = java.util.Arrays.copyOfRange(order, 0, validation);
        int[] trainRows = java.util.Arrays.copyOfRange(order, validation, usable);
        int testCount = testLimit > 0 ? Math.min(testLimit, testImages.count()) : testImages.count();
        int[] testRows = new int[testCount];
        for (int i = 0; i < testCount; i++) testRows[i] = i;

        return new Splits(
                split("train", trainImages, trainLabels, trainRows, classes),
                split("validation", trainImages, trainLabels, validationRows, classes),
                split("test", testImages, testLabels, testRows, classes),
                hash, verified);
    }

    private static int maxLabel(IdxFile labels) {
        int max = 0;
        for (byte b : labels.bytes()) max = Math.max(max, b & 0xff);
        return max;
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static Split split(String name, IdxFile images, IdxFile labels, int[] rows, int classes) {
        int width = images.itemSize();
        float[] features = new float[rows.length * width];
        int[] y = new int[rows.length];
        byte[] pixels = images.bytes();
        for (int r = 0; r < rows.length; r++) {
            int src = rows[r] * width;
            int dst = r * width;
            for (int c = 0; c < width; c++) features[dst + c] = (pixels[src + c] & 0xff) / 255f;
            y[r] = labels.bytes()[rows[r]] & 0xff;
        }
        return new Split(name, features, y, rows.clone(), width, classes);
    }
}
