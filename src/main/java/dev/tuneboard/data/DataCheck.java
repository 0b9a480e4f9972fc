package dev.tuneboard.data;

import java.nio.file.Path;

/** What checking a data folder found, before anything is loaded: sizes, whether SHA256SUMS matched, the data hash. */
public record DataCheck(Path dir, int trainImages, int testImages, int rows, int cols, int usableTrainImages,
                        boolean checksumsVerified, String dataHash) {
    public DataCheck {
        if (trainImages <= 0 || testImages <= 0) throw new IllegalArgumentException("a data folder without images");
        if (usableTrainImages > trainImages) throw new IllegalArgumentException("more usable images than images");
    }
}
