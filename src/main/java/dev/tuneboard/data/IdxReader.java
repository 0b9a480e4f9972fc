package dev.tuneboard.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads IDX files, gzipped or raw (told apart by the gzip magic, not the name). */
public final class IdxReader {

    public IdxFile read(Path file, int expectedMagic) throws DataException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(open(file), 1 << 16))) {
            int magic = in.readInt();
            if (magic != expectedMagic) {
                throw new DataException(file + ": wrong IDX magic " + magic + "; expected " + expectedMagic
                        + (expectedMagic == IdxFile.IMAGES ? " (images)" : " (labels)"));
            }
            int count = in.readInt();
            int rows = 1;
            int cols = 1;
            if (magic == IdxFile.IMAGES) {
                rows = in.readInt();
                cols = in.readInt();
            }
            if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE) {
                throw new DataException(file + ": implausible IDX header (count " + count + ", " + rows + "×" + cols + ")");
            }
            byte[] bytes = new byte[count * rows * cols];
            in.readFully(bytes);
            return new IdxFile(magic, count, rows, cols, bytes);
        } catch (EOFException e) {
            throw new DataException(file + ": truncated IDX file (fewer bytes than its header promises)");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads only the header: cheap validation for `validate` without loading pixels. */
    public int[] header(Path file, int expectedMagic) throws DataException {
        try (DataInputStream in = new DataInputStream(open(file))) {
            int magic = in.readInt();
            if (magic != expectedMagic) {
                throw new DataException(file + ": wrong IDX magic " + magic + "; expected " + expectedMagic);
            }
            int count = in.readInt();
            return magic == IdxFile.IMAGES ? new int[] {count, in.readInt(), in.readInt()} : new int[] {count};
        } catch (EOFException e) {
            throw new DataException(file + ": truncated IDX header");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        return (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}
