package dev.tuneboard.train;

import dev.tuneboard.data.Split;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Makes one shuffled minibatch at a time from the split's rows on the Java heap: the rows are copied
 * into a reused heap buffer and handed to ND4J as a fresh array. Measured against gathering from a
 * native copy of the whole split with {@code Nd4j.pullRows}: cheaper per batch, and no 150 MB native
 * copy of the training set per trial. Native buffers are never reused between batches — a variant
 * that did so crashed libnd4j once with two trials in parallel — but each batch is freed two batches
 * later, when the network no longer refers to it: left to the GC, fresh native memory was page-faulted
 * in for every batch (4% of a trial, async-profiler) and a 2-trial search grew to 2.7 GB resident.
 */
final class BatchGatherer implements AutoCloseable {
    private static final int KEEP = 2;
    private final java.util.ArrayDeque<DataSet> issued = new java.util.ArrayDeque<>();
    private final Split split;
    private final int batchSize;
    private final float[] x;
    private final float[] y;
    private final Augmented augmented;

    BatchGatherer(Split split, int batchSize) {
        this(split, batchSize, Augmentation.NONE, 0);
    }

    /** With augmentation on, every training batch is distorted, seeded by {@code seed}, the epoch and the batch. */
    BatchGatherer(Split split, int batchSize, Augmentation augmentation, long seed) {
        this.split = split;
        this.batchSize = batchSize;
        this.x = new float[batchSize * split.width()];
        this.y = new float[batchSize * split.classes()];
        this.augmented = augmentation.on() ? new Augmented(augmentation, seed) : null;
    }

    /** The batch of rows {@code order[from .. from + batchSize)} of this epoch: {@link #batch(int[], int)}, augmented when on. */
    DataSet batch(int[] order, int from, int epoch) {
        return augmented == null ? batch(order, from) : augmented.batch(order, from, epoch);
    }

    /** The batch of rows {@code order[from .. from + batchSize)} (fewer at the end), one-hot labels. */
    DataSet batch(int[] order, int from) {
        int rows = Math.min(batchSize, order.length - from);
        int width = split.width();
        int classes = split.classes();
        float[] features = rows == batchSize ? x : new float[rows * width];
        float[] labels = rows == batchSize ? y : new float[rows * classes];
        java.util.Arrays.fill(labels, 0f);
        for (int r = 0; r < rows; r++) {
            int row = order[from + r];
            System.arraycopy(split.features(), row * width, features, r * width, width);
            labels[r * classes + split.labels()[row]] = 1f;
        }
        return issue(features, labels, rows);
    }

    private DataSet issue(float[] features, float[] labels, int rows) {
        while (issued.size() >= KEEP) release(issued.removeFirst());
        DataSet batch = new DataSet(NativeFloats.matrix(features, rows, split.width()),
                NativeFloats.matrix(labels, rows, split.classes()));
        issued.addLast(batch);
        return batch;
    }

    /** Frees the batches still held; call once the network is done training. */
    @Override
    public void close() {
        if (augmented != null) augmented.close();
        while (!issued.isEmpty()) release(issued.removeFirst());
    }

    /** Rows as gathered and distorted on the heap, ready for the one bulk copy to native memory. */
    private record Rows(int from, int epoch, float[] features, float[] labels, int rows) {
    }

    /**
     * Augmented batches, each distorted on a helper thread while the network trains on the one before (the trial's
     * ND4J work stays on its own thread). Two heap buffers alternate: one being filled, one being copied to native.
     * Each batch's random numbers come from the seed, epoch and first row alone, so which thread made it, and when,
     * does not change it: a rerun gets the same images.
     */
    private final class Augmented {
        private final Augmenter augmenter;
        private final long seed;
        private final float[][] featureBuffers;
        private final float[][] labelBuffers;
        private final java.util.concurrent.ExecutorService helper;
        private java.util.concurrent.Future<Rows> next;
        private int buffer;

        Augmented(Augmentation augmentation, long seed) {
            this.augmenter = new Augmenter(augmentation, split.width());
            this.seed = seed;
            this.featureBuffers = new float[][] {x, new float[x.length]};
            this.labelBuffers = new float[][] {y, new float[y.length]};
            this.helper = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "augment-" + seed);
                t.setDaemon(true);
                return t;
            });
        }

        DataSet batch(int[] order, int from, int epoch) {
            Rows rows = null;
            if (next != null) {
                Rows ready = await(next);
                next = null;
                if (ready.from() == from && ready.epoch() == epoch) rows = ready;
            }
            if (rows == null) rows = gather(order, from, epoch, buffer);
            buffer = 1 - buffer;
            int following = from + batchSize;
            if (following < order.length) {
                int into = buffer;
                next = helper.submit(() -> gather(order, following, epoch, into));
            }
            return issue(rows.features(), rows.labels(), rows.rows());
        }

        private Rows gather(int[] order, int from, int epoch, int into) {
            int rows = Math.min(batchSize, order.length - from);
            int width = split.width();
            int classes = split.classes();
            float[] features = rows == batchSize ? featureBuffers[into] : new float[rows * width];
            float[] labels = rows == batchSize ? labelBuffers[into] : new float[rows * classes];
            java.util.Arrays.fill(labels, 0f);
            java.util.SplittableRandom random = new java.util.SplittableRandom(mix(mix(seed + epoch) + from));
            for (int r = 0; r < rows; r++) {
                int row = order[from + r];
                augmenter.augment(split.features(), row * width, features, r * width, random);
                labels[r * classes + split.labels()[row]] = 1f;
            }
            return new Rows(from, epoch, features, labels, rows);
        }

        void close() {
            if (next != null) {
                next.cancel(false);
                next = null;
            }
            helper.shutdown();
            try {
                // The helper may still be writing a buffer: let it finish before the arrays are dropped.
                helper.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static Rows await(java.util.concurrent.Future<Rows> future) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while augmenting a batch", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Stafford's mix13 (SplittableRandom's own finaliser): nearby seeds, epochs and rows give unrelated streams. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }

    private static void release(DataSet batch) {
        NativeFloats.release(batch.getFeatures());
        NativeFloats.release(batch.getLabels());
    }
}
