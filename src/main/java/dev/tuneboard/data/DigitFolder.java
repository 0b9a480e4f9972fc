package dev.tuneboard.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder of MNIST-style IDX files (names as MNIST ships them, gzipped or raw). Checks a
 * SHA256SUMS file when there is one; a user's own folder may come without.
 */
public final class DigitFolder {

    public enum Part {
        TRAIN_IMAGES("train-images-idx3-ubyte", IdxFile.IMAGES),
        TRAIN_LABELS("train-labels-idx1-ubyte", IdxFile.LABELS),
        TEST_IMAGES("t10k-images-idx3-ubyte", IdxFile.IMAGES),
        TEST_LABELS("t10k-labels-idx1-ubyte", IdxFile.LABELS);

        final String baseName;
        final int magic;

        Part(String baseName, int magic) {
            this.baseName = baseName;
            this.magic = magic;
        }
    }

    private final Path dir;
    private final Map<Part, Path> files;
    /** SHA-256 per file, computed once: both the checksum check and the data hash need them. */
    private final Map<Path, String> hashes = new java.util.HashMap<>();

    private DigitFolder(Path dir, Map<Part, Path> files) {
        this.dir = dir;
        this.files = files;
    }

    /** Finds the four files; fails naming every one that is missing. */
    public static DigitFolder locate(Path dir) throws DataException {
        if (!Files.isDirectory(dir)) throw new DataException(dir + ": data folder not found");
        Map<Part, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Part part : Part.values()) {
            Path gz = dir.resolve(part.baseName + ".gz");
            Path raw = dir.resolve(part.baseName);
            if (Files.isRegularFile(gz)) found.put(part, gz);
            else if (Files.isRegularFile(raw)) found.put(part, raw);
            else missing.add(part.baseName + "[.gz]");
        }
        if (!missing.isEmpty()) throw new DataException(dir + ": missing IDX file(s) " + missing);
        return new DigitFolder(dir, found);
    }

    public Path dir() {
        return dir;
    }

    public Path file(Part part) {
        return files.get(part);
    }

    /** Header checks only: right magic, image and label counts agree. Cheap enough for `validate`. */
    public int[] checkHeaders(IdxReader reader) throws DataException {
        int[] trainImages = reader.header(file(Part.TRAIN_IMAGES), IdxFile.IMAGES);
        int[] trainLabels = reader.header(file(Part.TRAIN_LABELS), IdxFile.LABELS);
        int[] testImages = reader.header(file(Part.TEST_IMAGES), IdxFile.IMAGES);
        int[] testLabels = reader.header(file(Part.TEST_LABELS), IdxFile.LABELS);
        if (trainImages[0] != trainLabels[0]) {
            throw new DataException(dir + ": " + trainImages[0] + " training images but " + trainLabels[0] + " labels");
        }
        if (testImages[0] != testLabels[0]) {
            throw new DataException(dir + ": " + testImages[0] + " test images but " + testLabels[0] + " labels");
        }
        if (trainImages[1] != testImages[1] || trainImages[2] != testImages[2]) {
            throw new DataException(dir + ": training images are " + trainImages[1] + "×" + trainImages[2]
                    + " but test images " + testImages[1] + "×" + testImages[2]);
        }
        return new int[] {trainImages[0], testImages[0], trainImages[1], trainImages[2]};
    }

    /**
     * Verifies SHA256SUMS if present (true when verified, false when absent) and fails on any mismatch.
     */
    public boolean verifyChecksums() throws DataException {
        Path sums = dir.resolve("SHA256SUMS");
        if (!Files.isRegularFile(sums)) return false;
        List<String> lines;
        try {
            lines = Files.readAllLines(sums, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(sums + ": cannot read: " + e.getMessage());
        }
        for (Path file : files.values()) {
            String name = file.getFileName().toString();
            String expected = null;
            for (String line : lines) {
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length == 2 && parts[1].equals(name)) expected = parts[0].toLowerCase();
            }
            if (expected == null) throw new DataException(sums + ": no checksum listed for " + name);
            String actual = hashOf(file);
            if (!actual.equals(expected)) {
                throw new DataException(file + ": SHA-256 " + actual + " does not match " + expected + " in SHA256SUMS");
            }
        }
        return true;
    }

    /** One hash over the four files, kept with every experiment so a result knows its data. */
    public String dataHash() throws DataException {
        StringBuilder all = new StringBuilder();
        for (Part part : Part.values()) all.append(hashOf(file(part)));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(all.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hashOf(Path file) throws DataException {
        String known = hashes.get(file);
        if (known == null) {
            known = sha256(file);
            hashes.put(file, known);
        }
        return known;
    }

    static String sha256(Path file) throws DataException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
