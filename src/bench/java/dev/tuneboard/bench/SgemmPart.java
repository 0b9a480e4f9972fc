package dev.tuneboard.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/** The roofline: square float GEMMs through ND4J's BLAS, into a preallocated result. */
final class SgemmPart implements Part {
    @Override
    public PartResult run(PartOptions o) {
        int n = o.matrixSize();
        Nd4j.getRandom().setSeed(1);
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        double flops = 2.0 * n * n * n;
        long warmEnd = System.nanoTime() + (long) (Math.min(1.0, o.seconds() / 4) * 1e9);
        while (System.nanoTime() < warmEnd) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        int calls = 0;
        long start = System.nanoTime();
        long end = start + (long) (o.seconds() * 1e9);
        do {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            calls++;
        } while (System.nanoTime() < end);
        double secs = (System.nanoTime() - start) / 1e9;
        double gflops = calls * flops / secs / 1e9;
        return new PartResult("sgemm", o.threads(), 1, Map.of(
                "gflops", gflops,
                "matrix", (double) n,
                "samples_limit_per_s", gflops * 1e9 / ReferenceNet.trainFlopsPerSample()));
    }
}
