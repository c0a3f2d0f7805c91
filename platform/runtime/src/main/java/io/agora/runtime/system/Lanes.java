package io.agora.runtime.system;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.DispatcherSelector;

import java.util.HashMap;
import java.util.Map;

/**
 * Single-threaded dispatchers ("lanes") for markets and their hosted agents. A lockstep round is a chain of
 * small messages between one market and its agents; on one thread they hand over without waking another
 * thread, which is four times faster than spreading them over a pool (measured by the hosted-p1 benchmark).
 * Parallelism comes from running different markets on different lanes.
 */
public final class Lanes {
    private Lanes() {
    }

    /** Config defining lanes {@code 0..count-1}, to be layered over the application config. */
    public static Config config(int count) {
        Map<String, Object> entries = new HashMap<>();
        for (int k = 0; k < count; k++) {
            String prefix = "agora.lanes.lane-" + k + ".";
            entries.put(prefix + "type", "Dispatcher");
            // A one-thread fork-join pool: work submitted from its own thread goes to its local queue
            // without waking anyone, which a thread-pool executor's blocking queue cannot do.
            entries.put(prefix + "executor", "fork-join-executor");
            entries.put(prefix + "fork-join-executor.parallelism-min", 1);
            entries.put(prefix + "fork-join-executor.parallelism-max", 1);
            entries.put(prefix + "throughput", 100);
        }
        return ConfigFactory.parseMap(entries);
    }

    /** The selector of lane {@code k}. */
    public static DispatcherSelector lane(int k) {
        return DispatcherSelector.fromConfig("agora.lanes.lane-" + k);
    }
}
