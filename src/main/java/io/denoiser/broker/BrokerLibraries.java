package io.denoiser.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts the in-process broker. The runnable jar keeps Kafka's server, Scala and their libraries off its
 * class path, in {@code lib/broker} beside it, so {@code serve} never carries them; demo and bench stream
 * load them here. On a class path that already has them (tests, an IDE) the broker starts directly.
 */
public final class BrokerLibraries {

    static final String DIRECTORY = "broker";
    private static final String BROKER_CLASS = EmbeddedKafkaBroker.class.getName();

    private BrokerLibraries() {
    }

    public static InProcessBroker start() throws Exception {
        if (onClassPath()) {
            return EmbeddedKafkaBroker.start();
        }
        ClassLoader loader = new BrokerClassLoader(urls(applicationJar()), BrokerLibraries.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Kafka loads configured classes through the context loader; the broker's threads inherit it.
        thread.setContextClassLoader(loader);
        try {
            return (InProcessBroker) Class.forName(BROKER_CLASS, true, loader).getMethod("start").invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static boolean onClassPath() {
        try {
            Class.forName("kafka.server.KafkaRaftServer", false, BrokerLibraries.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Path applicationJar() throws Exception {
        return Path.of(BrokerLibraries.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The application jar (for the broker class itself) and every jar of {@code lib/broker} beside it. */
    static URL[] urls(Path applicationJar) throws IOException {
        Path directory = applicationJar.resolveSibling("lib").resolve(DIRECTORY);
        if (!Files.isDirectory(directory)) {
            throw new IOException("the in-process broker needs Kafka's server libraries in " + directory);
        }
        List<URL> urls = new ArrayList<>(List.of(url(applicationJar)));
        try (Stream<Path> jars = Files.list(directory)) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> urls.add(url(jar)));
        }
        return urls.toArray(URL[]::new);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parent first, except for the broker class: the application loader has it too, but there it could not
     * link against the server classes only this loader sees.
     */
    private static final class BrokerClassLoader extends URLClassLoader {

        BrokerClassLoader(URL[] urls, ClassLoader parent) {
            super("kafka-broker", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(BROKER_CLASS) && !name.startsWith(BROKER_CLASS + "$")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
