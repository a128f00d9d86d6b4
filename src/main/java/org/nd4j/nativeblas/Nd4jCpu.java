package org.nd4j.nativeblas;

/**
 * Compatibility shim that restores DL4J's oneDNN layer helpers on ND4J 1.0.0-M2.1.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} asks, by reflection, for
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment#isUseMKLDNN()}. That class moved in M2.1 to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and the method became
 * {@code isUseONEDNN()}; the failed lookup makes every oneDNN helper report itself unsupported, so
 * convolutions fall back to im2col and run ~25x slower. This class supplies the old name and answers
 * from the real binding. {@code io.denoiser.model.NativeRuntime} checks that the fast path is active.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The environment view DL4J's helpers look up by its pre-M2.1 name. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
