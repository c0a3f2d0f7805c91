package io.agora.plugins.torch;

import ai.djl.engine.Engine;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Starting DJL's PyTorch engine from inside a plugin, once per process. DJL finds its engine with
 * {@code ServiceLoader} and its native library as a resource, both through the thread's context class loader, which
 * inside the host is not the plugin's; so the engine starts with the plugin's loader as the context loader. Nothing
 * is downloaded ({@code ai.djl.offline}): the PyTorch native jar travels with the plugin and unpacks, on first use,
 * under {@code DJL_CACHE_DIR} (the models folder's {@code .djl-cache} unless set).
 */
final class Djl {
    /**
     * DJL allows one gradient collector in a process at a time, so training steps of all torch policies take turns.
     */
    static final ReentrantLock TRAINING = new ReentrantLock();
    private static volatile Engine engine;

    private Djl() {
    }

    static Engine engine(Path defaultCache) {
        Engine e = engine;
        if (e != null) {
            return e;
        }
        synchronized (Djl.class) {
            if (engine == null) {
                if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
                    System.setProperty("DJL_CACHE_DIR", defaultCache.toAbsolutePath().toString());
                }
                if (System.getProperty("ai.djl.offline") == null) {
                    System.setProperty("ai.djl.offline", "true");
                }
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(Djl.class.getClassLoader());
                try {
                    engine = Engine.getEngine("PyTorch");
                } catch (UnsatisfiedLinkError linkError) {
                    // The JVM binds a native library to the first class loader that loads it: a second plugin host
                    // in this process (with its own copy of this plugin) cannot load PyTorch again.
                    throw new IllegalStateException("PyTorch's native libraries are already loaded by another plugin host in this "
                            + "process; a process serves torch models from one plugin host (" + linkError.getMessage() + ")", linkError);
                } finally {
                    thread.setContextClassLoader(previous);
                }
            }
            return engine;
        }
    }
}
