package io.agora.gateway.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The runner threads, the line of experiments waiting for one (in order, for queue positions), and a way to stop
 * each run. Only what lives in memory is here; the statuses in the database belong to {@link ExperimentService}.
 */
final class RunLine {
    /** One queued or running experiment: its live progress and how to stop it. */
    static final class Run {
        final String id;
        final AtomicLong done = new AtomicLong();
        private Thread thread;
        private boolean stopped;

        Run(String id) {
            this.id = id;
        }

        /**
         * Marks the calling thread as running this experiment, so that {@link #stop} interrupts it (the runtime then
         * stops the run's actors); false if it was stopped already.
         */
        synchronized boolean enter() {
            if (stopped) {
                return false;
            }
            thread = Thread.currentThread();
            return true;
        }

        /** Ends the interruptible part; clears an interrupt that arrived too late to matter, so later writes work. */
        synchronized void leave() {
            thread = null;
            Thread.interrupted();
        }

        synchronized void stop() {
            stopped = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        synchronized boolean stopped() {
            return stopped;
        }
    }

    private final ExecutorService pool;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    /** Ids not yet picked up by a runner, in the pool's (FIFO) order. Guarded by this. */
    private final LinkedHashSet<String> waiting = new LinkedHashSet<>();

    RunLine(int parallel) {
        this.pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "agora-experiment");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code id} to run {@code body} on a runner thread; does nothing if it is already queued or running. */
    synchronized void add(String id, Consumer<Run> body) {
        if (runs.containsKey(id)) {
            return;
        }
        Run run = new Run(id);
        runs.put(id, run);
        waiting.add(id);
        pool.submit(() -> {
            synchronized (this) {
                waiting.remove(id);
            }
            try {
                if (!run.stopped()) {
                    body.accept(run);
                }
            } finally {
                runs.remove(id);
            }
        });
    }

    /** Whether {@code id} is queued or running in this process. */
    boolean knows(String id) {
        return runs.containsKey(id);
    }

    /** The live progress of a queued or running experiment, or {@code null}. */
    Long done(String id) {
        Run run = runs.get(id);
        return run == null ? null : run.done.get();
    }

    /** The place of {@code id} in the line (1 = runs next), or {@code null} when it is not waiting. */
    synchronized Integer position(String id) {
        int i = new ArrayList<>(waiting).indexOf(id);
        return i < 0 ? null : i + 1;
    }

    /** Takes {@code id} out of the line, or interrupts its run; its runner thread is free again promptly. */
    void stop(String id) {
        Run run = runs.get(id);
        if (run == null) {
            return;
        }
        synchronized (this) {
            waiting.remove(id);
        }
        run.stop();
    }

    void shutdown() {
        pool.shutdownNow();
    }
}
