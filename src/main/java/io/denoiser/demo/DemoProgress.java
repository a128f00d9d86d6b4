package io.denoiser.demo;

import io.denoiser.stream.ModelCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints one progress line every two seconds while the demo runs. */
final class DemoProgress implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final DigitProducer producer;
    private final OutputCollector outputs;
    private final ModelCatalog catalog;
    private final int total;
    private final PrintWriter out;

    DemoProgress(DigitProducer producer, OutputCollector outputs, ModelCatalog catalog, int total, PrintWriter out) {
        this.producer = producer;
        this.outputs = outputs;
        this.catalog = catalog;
        this.total = total;
        this.out = out;
    }

    void start() {
        timer.scheduleAtFixedRate(this::print, 0, 2, TimeUnit.SECONDS);
    }

    private void print() {
        out.printf("[demo] noisy sent %d/%d  denoised %d  latent %d  dead letters %d  serving %s v%d%n",
                producer.noisySent(), total, outputs.denoisedRecords(), outputs.latentRecords(),
                outputs.deadLetters(), catalog.modelName(), catalog.currentVersion());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        print();
    }
}
