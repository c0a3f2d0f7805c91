package io.agora.cli.bench;

import com.typesafe.config.ConfigFactory;
import io.agora.api.Normalization;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.runtime.agent.Agent;
import io.agora.runtime.market.Market;
import io.agora.runtime.market.MarketRules;
import io.agora.runtime.market.Measure;
import io.agora.runtime.market.MissPolicy;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.GuardedStrategy;
import io.agora.runtime.plugins.PluginHost;
import io.agora.runtime.system.Lanes;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Benchmarks of hosted markets on the actor system, end to end: a driver opens rounds in lockstep, the
 * market invites its hosted agents, each agent's strategy plugin reports, the market validates, clears
 * through the affine-maximizer plugin and values the result for every seat.
 *
 * <p>The market, its agents and the driver share one lane, as a market's actors do in experiments. Types
 * come from a pre-drawn pool of profiles (cycled), so the figures measure the platform rather
 * than the random number generator.
 */
public final class HostedBench {
    private static final int POOL = 256;

    private HostedBench() {
    }

    /**
     * @param roundsPerBatch rounds in each timed batch
     * @param batchSeconds   the wall time of each batch, sorted
     * @param peakHeapBytes  the heap pools' peak during the timed batches
     */
    public record Result(long roundsPerBatch, double[] batchSeconds, long peakHeapBytes) {
        /** The median batch time. */
        public double medianSeconds() {
            int k = batchSeconds.length;
            return k % 2 == 1 ? batchSeconds[k / 2] : (batchSeconds[k / 2 - 1] + batchSeconds[k / 2]) / 2;
        }

        /** Rounds per second in the median batch. */
        public double roundsPerSecond() {
            return roundsPerBatch / medianSeconds();
        }
    }

    /**
     * Plays {@code warmup} untimed rounds, then {@code batches} timed batches of {@code roundsPerBatch}
     * lockstep rounds, of one market with {@code n} truthful agents over {@code m} outcomes.
     */
    public static Result rounds(PluginHost host, int n, int m, long seed, long warmup, int batches, long roundsPerBatch, PrintStream log) {
        ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "bench", Lanes.config(1).withFallback(ConfigFactory.load()));
        try {
            ActorRef<Market.Command> market = market(system, host, n, m);
            List<Map<String, Report>> pool = pool(n, m, seed, POOL);
            run(system, market, pool, warmup);
            System.gc();
            List<MemoryPoolMXBean> heap = heapPools();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            double[] seconds = new double[batches];
            for (int b = 0; b < batches; b++) {
                long t0 = System.nanoTime();
                run(system, market, pool, roundsPerBatch);
                seconds[b] = (System.nanoTime() - t0) / 1e9;
                log.printf("batch %d: %d rounds of %d agents x %d outcomes in %.4f s%n", b + 1, roundsPerBatch, n, m, seconds[b]);
            }
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            java.util.Arrays.sort(seconds);
            return new Result(roundsPerBatch, seconds, peak);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    /** The heap held per hosted agent: the retained heap of {@code agents} seated truthful agents, divided by their number. */
    public static double bytesPerAgent(PluginHost host, int agents) {
        ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "bench", Lanes.config(1).withFallback(ConfigFactory.load()));
        try {
            long before = usedAfterGc();
            ActorRef<Market.Command> market = market(system, host, agents, 10);
            run(system, market, pool(agents, 10, 1, 1), 1);
            long after = usedAfterGc();
            return (after - before) / (double) agents;
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    private static ActorRef<Market.Command> market(ActorSystem<SpawnProtocol.Command> system, PluginHost host, int n, int m) {
        GuardedMechanism mechanism = GuardedMechanism.open(host.mechanism("affine-maximizer", "mechanism"),
                Map.of("lambda", 1.0, "divergence", "kl", "normalization", "sum", "payment", "affine-maximizer", "maxGroupSize", 10),
                host.context("bench", 0));
        GuardedStrategy.Factory truthful = GuardedStrategy.prepare(host.strategy("truthful", "strategy"), Map.of());
        MarketRules rules = MarketRules.hosted("bench", Policy.uniform(m), null, MissPolicy.TRUTHFUL, false, false);
        ActorRef<Market.Command> market = spawn(system, Market.hosted(rules, mechanism), "market");
        for (int i = 0; i < n; i++) {
            String agent = "a" + i;
            ActorRef<Agent.Command> ref = spawn(system, Agent.create(agent, truthful, i), "agent-" + i);
            market.tell(new Market.Seat(agent, ref, false));
        }
        return market;
    }

    private static <T> ActorRef<T> spawn(ActorSystem<SpawnProtocol.Command> system, Behavior<T> behavior, String name) {
        return AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(system, r -> new SpawnProtocol.Spawn<>(behavior, name, Lanes.lane(0), r),
                Duration.ofSeconds(30), system.scheduler()).toCompletableFuture().join();
    }

    private static List<Map<String, Report>> pool(int n, int m, long seed, int profiles) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Report>> pool = new ArrayList<>();
        int size = (int) Math.max(1, Math.min(profiles, 20_000_000L / ((long) n * m)));
        for (int k = 0; k < size; k++) {
            Map<String, Report> types = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                double[] r = new double[m];
                for (int y = 0; y < m; y++) {
                    r[y] = random.nextDouble();
                }
                types.put("a" + i, Report.ofRewards("a" + i, Normalization.SUM.normalize(r), 1 + random.nextInt(10)));
            }
            pool.add(types);
        }
        return pool;
    }

    /** Drives {@code rounds} rounds in lockstep and waits for the last to clear. */
    private static void run(ActorSystem<SpawnProtocol.Command> system, ActorRef<Market.Command> market, List<Map<String, Report>> pool, long rounds) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        spawn(system, driver(market, pool, rounds, done), "driver-" + System.nanoTime());
        try {
            long failed = done.get(10, TimeUnit.MINUTES);
            if (failed > 0) {
                throw new IllegalStateException(failed + " benchmark rounds failed");
            }
        } catch (Exception e) {
            throw new IllegalStateException("benchmark did not finish: " + e.getMessage(), e);
        }
    }

    private static Behavior<Market.RoundEvent> driver(ActorRef<Market.Command> market, List<Map<String, Report>> pool, long rounds,
                                                      CompletableFuture<Long> done) {
        return Behaviors.setup(ctx -> {
            long[] state = {0, 0};
            market.tell(new Market.OpenRound(0, pool.get(0), Measure.NONE, ctx.getSelf()));
            return Behaviors.receiveMessage(event -> {
                if (event instanceof Market.RoundFailed) {
                    state[1]++;
                }
                long next = ++state[0];
                if (next >= rounds) {
                    done.complete(state[1]);
                    return Behaviors.stopped();
                }
                market.tell(new Market.OpenRound((int) next, pool.get((int) (next % pool.size())), Measure.NONE, ctx.getSelf()));
                return Behaviors.same();
            });
        });
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
