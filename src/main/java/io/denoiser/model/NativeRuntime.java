package io.denoiser.model;

import java.util.Locale;
import java.util.function.Supplier;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Selects ND4J's oneDNN build and DL4J's oneDNN layer helpers, the difference between ~290 and
 * ~6,500 images/s for the seed CNN on one core.
 *
 * <p>Three things are needed, all measured on DL4J/ND4J 1.0.0-M2.1:
 * <ol>
 *   <li>{@code javacpp.platform.extension=-onednn} before ND4J first loads, so JavaCPP picks the
 *       {@code linux-x86_64-onednn} natives the pom declares instead of the plain build;</li>
 *   <li>{@code org.eclipse.deeplearning4j.helpers.disable=false}, because DL4J disables its layer
 *       helpers by default and a disabled helper means im2col convolutions;</li>
 *   <li>the {@code org.nd4j.nativeblas.Nd4jCpu} shim, without which the helpers think oneDNN is absent.</li>
 * </ol>
 * {@link #configure()} must run before any ND4J class loads: {@code Main} calls it first, and the test
 * JVMs get the same properties from the pom. {@link #fastPathActive()} tells whether it worked.
 */
public final class NativeRuntime {

    static final String PLATFORM_EXTENSION = "javacpp.platform.extension";
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    /** Off-heap memory ND4J may hold for tensors; small models at batch 128 use a few tens of MB. */
    static final String DEFAULT_MAX_BYTES = "1g";
    private static final Logger LOG = LoggerFactory.getLogger(NativeRuntime.class);

    private NativeRuntime() {
    }

    /**
     * Sets the properties that select the fast path and bound native memory, unless the operator set them
     * explicitly ({@code -D}, or env {@code DENOISER_OFF_HEAP_MAX} / {@code DENOISER_MAX_PHYSICAL_BYTES}).
     * JavaCPP then refuses allocations past {@code maxbytes} of off-heap tensors, and past
     * {@code maxphysicalbytes} of resident memory (heap included) after trying a GC, with an
     * {@link OutOfMemoryError} the service reports, instead of the kernel killing the container.
     */
    public static void configure() {
        setIfAbsent(PLATFORM_EXTENSION, "-onednn");
        setIfAbsent(HELPERS_DISABLE, "false");
        setIfAbsent(MAX_BYTES, envOr("DENOISER_OFF_HEAP_MAX", DEFAULT_MAX_BYTES));
        setIfAbsent(MAX_PHYSICAL_BYTES, envOr("DENOISER_MAX_PHYSICAL_BYTES", defaultPhysicalBytes()));
    }

    /** Heap, plus the off-heap limit, plus 512 MB for code, threads, Kafka buffers and the native libraries. */
    private static String defaultPhysicalBytes() {
        long heap = Runtime.getRuntime().maxMemory();
        return Long.toString(heap + parseBytes(System.getProperty(MAX_BYTES, DEFAULT_MAX_BYTES)) + (512L << 20));
    }

    /**
     * Sizes as JavaCPP reads them: a number with an optional k, m, g or t suffix (powers of 1024), or a
     * percentage of the maximum heap (the container image uses {@code 50%}).
     */
    static long parseBytes(String size) {
        String text = size.trim().toLowerCase(Locale.ROOT);
        if (text.endsWith("%")) {
            return (long) (Double.parseDouble(text.substring(0, text.length() - 1)) / 100 * Runtime.getRuntime().maxMemory());
        }
        int shift = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? text : text.substring(0, text.length() - 1)) << shift;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Limits the native threads of the models the calling thread runs. OpenMP keeps its thread count per
     * calling thread, so every thread that runs a model must call this itself: a stream thread left at the
     * default (all cores) measured 2-2.5x slower per batch under Kafka load, its OpenMP team fighting the
     * broker and client threads for the cores. One thread per copy, with one copy per stream thread, beat
     * two threads per copy on a 2-core machine.
     */
    public static void limitNativeThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /** OpenMP threads a parallel region started by the calling thread would use. */
    public static int nativeThreadsOfThisThread() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /** True when ND4J runs its oneDNN build and DL4J's oneDNN helpers will be used. */
    public static boolean fastPathActive() {
        boolean onednnBuild = org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        boolean helpersEnabled = !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE, "true"));
        return onednnBuild && helpersEnabled && Nd4j.getEnvironment().helpersAllowed()
                && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /** Logs a loud warning when the fast path is lost: inference would still work, ~25x slower. */
    public static void warnIfSlow() {
        if (fastPathActive()) {
            LOG.info("oneDNN fast path active (ND4J onednn build, DL4J layer helpers enabled)");
        } else {
            LOG.warn("oneDNN fast path NOT active: convolutions fall back to im2col (~25x slower); "
                    + "check {}={} and {}={}", PLATFORM_EXTENSION, System.getProperty(PLATFORM_EXTENSION),
                    HELPERS_DISABLE, System.getProperty(HELPERS_DISABLE));
        }
    }

    /**
     * Builds something with DL4J's layer helpers disabled: DL4J reads the switch when a layer is created,
     * so networks built here use the plain im2col path. Benchmarks use it as their baseline.
     */
    public static synchronized <T> T withoutLayerHelpers(Supplier<T> builder) {
        String previous = System.getProperty(HELPERS_DISABLE);
        System.setProperty(HELPERS_DISABLE, "true");
        try {
            return builder.get();
        } finally {
            if (previous == null) {
                System.clearProperty(HELPERS_DISABLE);
            } else {
                System.setProperty(HELPERS_DISABLE, previous);
            }
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
