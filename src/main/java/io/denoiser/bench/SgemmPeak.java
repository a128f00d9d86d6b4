package io.denoiser.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the machine's cores can compute, as the yardstick for a model's GFLOP/s: float32 matrix products of
 * {@value #SIZE} x {@value #SIZE} through ND4J's BLAS (OpenBLAS), on the same threads, one native thread each,
 * as the model benchmark uses. Matrices this large run at BLAS's best, which no network layer beats.
 */
public final class SgemmPeak {

    public static final int SIZE = 2048;

    private SgemmPeak() {
    }

    /** GFLOP/s of all {@code threads} together: the median of timed windows after a warm-up. */
    public static double gflops(int threads, int windows, double windowSeconds) throws InterruptedException {
        long flops = 2L * SIZE * SIZE * SIZE;
        return ModelBenchmark.median(TimedWindows.measure(threads, t -> product(), flops, 1, windows, windowSeconds)) / 1e9;
    }

    private static TimedWindows.Work product() {
        INDArray a = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray b = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray c = Nd4j.create(DataType.FLOAT, SIZE, SIZE);
        return new TimedWindows.Work() {
            @Override
            public void run() {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }

            @Override
            public void close() {
                a.close();
                b.close();
                c.close();
            }
        };
    }
}
