package io.denoiser.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessMetricsTest {

    @Test
    void shouldServeJvmGcAndProcessMetrics() {
        String scrape = ProcessMetrics.prometheus().scrape();

        assertThat(scrape).contains("jvm_memory_used_bytes{", "jvm_memory_max_bytes{", "jvm_gc_memory_allocated_bytes_total",
                "jvm_threads_live_threads", "jvm_classes_loaded_classes", "system_cpu_count", "process_cpu_usage",
                "process_uptime_seconds");
    }

    @Test
    void shouldServeJavaCppOffHeapMemoryInBytes() {
        String scrape = ProcessMetrics.prometheus().scrape();

        assertThat(scrape).contains("javacpp_memory_allocated_bytes ", "javacpp_memory_allocated_max_bytes ",
                "javacpp_memory_physical_bytes ", "javacpp_memory_physical_max_bytes ");
    }
}
