package io.denoiser.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.LongSupplier;
import org.bytedeco.javacpp.Pointer;

/**
 * JavaCPP's off-heap accounting: the native memory ND4J and the model runtimes allocate lives outside the heap,
 * and when it reaches {@code maxbytes} (or the process reaches {@code maxphysicalbytes}) allocations fail, so
 * these, not the heap, are what runs out first.
 */
public final class JavaCppMemoryMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "javacpp.memory.allocated", Pointer::totalBytes,
                "Off-heap memory JavaCPP tracks through its deallocators");
        gauge(registry, "javacpp.memory.allocated.max", Pointer::maxBytes,
                "Most off-heap memory JavaCPP lets deallocators track (org.bytedeco.javacpp.maxbytes)");
        gauge(registry, "javacpp.memory.physical", Pointer::physicalBytes,
                "Physical memory (resident set) the whole process uses, as JavaCPP measures it");
        gauge(registry, "javacpp.memory.physical.max", Pointer::maxPhysicalBytes,
                "Most physical memory JavaCPP lets the process use before it refuses to allocate "
                        + "(org.bytedeco.javacpp.maxphysicalbytes)");
    }

    private static void gauge(MeterRegistry registry, String name, LongSupplier bytes, String description) {
        Gauge.builder(name, () -> bytes.getAsLong()).baseUnit("bytes").description(description).register(registry);
    }
}
