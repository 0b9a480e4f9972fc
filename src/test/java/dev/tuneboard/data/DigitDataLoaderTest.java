package dev.tuneboard.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitDataLoaderTest {
    static final Path MNIST = Path.of("data/mnist");
    private final DigitDataLoader loader = new DigitDataLoader(new IdxReader());

    @Test
    void real_mnist_loads_with_verified_checksums_and_disjoint_splits() throws Exception {
        Splits s = loader.load(MNIST, 1000, 5000, 2000, 7);
        assertTrue(s.checksumsVerified());
        assertEquals(4000, s.train().size());
        assertEquals(1000, s.validation().size());
        assertEquals(2000, s.test().size());
        assertEquals(784, s.train().width());
        assertEquals(10, s.train().classes());
        Set<Integer> trainRows = new HashSet<>();
        for (int i : s.train().sourceIndex()) trainRows.add(i);
        for (int i : s.validation().sourceIndex()) assertFalse(trainRows.contains(i), "validation row also in train");
        for (float v : s.train().features()) assertTrue(v >= 0f && v <= 1f);
        // The published test set starts with a 7, a 2 and a 1.
        assertEquals(7, s.test().labels()[0]);
        assertEquals(2, s.test().labels()[1]);
        assertEquals(1, s.test().labels()[2]);
    }

    @Test
    void the_same_seed_gives_the_same_split() throws Exception {
        Splits a = loader.load(MNIST, 500, 3000, 100, 11);
        Splits b = loader.load(MNIST, 500, 3000, 100, 11);
        assertEquals(java.util.Arrays.toString(a.validation().sourceIndex()), java.util.Arrays.toString(b.validation().sourceIndex()));
        assertEquals(a.dataHash(), b.dataHash());
    }

    @Test
    void raw_idx_files_without_checksums_load_too(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(MNIST.resolve(name + ".gz")))) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Splits s = loader.load(dir, 1000, 3000, 500, 1);
        assertFalse(s.checksumsVerified());
        assertEquals(2000, s.train().size());
    }

    @Test
    void a_missing_file_is_named() throws Exception {
        Path dir = copyOfMnist();
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        DataException e = assertThrows(DataException.class, () -> loader.load(dir, 1000, 3000, 0, 1));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void wrong_idx_magic_is_refused() throws Exception {
        Path dir = copyOfMnist();
        Files.delete(dir.resolve("SHA256SUMS"));
        // A labels file where the images file should be.
        Files.copy(dir.resolve("t10k-labels-idx1-ubyte.gz"), dir.resolve("t10k-images-idx3-ubyte.gz"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DataException e = assertThrows(DataException.class, () -> loader.load(dir, 1000, 3000, 0, 1));
        assertTrue(e.getMessage().contains("wrong IDX magic 2049; expected 2051"), e.getMessage());
    }

    @Test
    void a_checksum_mismatch_is_refused() throws Exception {
        Path dir = copyOfMnist();
        String sums = Files.readString(dir.resolve("SHA256SUMS"));
        Files.writeString(dir.resolve("SHA256SUMS"), sums.replaceFirst("^[0-9a-f]", "0".equals(sums.substring(0, 1)) ? "1" : "0"));
        DataException e = assertThrows(DataException.class, () -> loader.load(dir, 1000, 3000, 0, 1));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @TempDir
    Path temp;

    private Path copyOfMnist() throws IOException {
        Path dir = temp.resolve("mnist");
        Files.createDirectories(dir);
        try (var files = Files.list(MNIST)) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        return dir;
    }
}
