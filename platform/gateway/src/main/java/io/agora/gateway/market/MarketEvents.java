package io.agora.gateway.market;

import io.agora.api.Report;
import io.agora.runtime.market.Market;
import io.agora.runtime.market.SettledRound;
import io.agora.wire.MarketEvent;
import io.agora.wire.MarketEventType;
import io.agora.wire.MarketPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.agora.gateway.boot.Platform;
import io.agora.runtime.system.CborSerializable;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.typed.Cluster;

import java.time.Instant;
import java.util.concurrent.Flow.Processor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What bot markets publish: public round events for the event streams, and the market, round and report counters
 * of {@code /q/metrics}. Called on actor threads; nothing here blocks.
 *
 * <p>A market lives on one node of the cluster, and its streams may be read on any node: what a market publishes goes
 * to the streams open on its own node at once and, when the cluster has other nodes, to a cluster-wide topic
 * ({@value #TOPIC}), whose subscriber on each other node hands it to the streams open there. The counters count on
 * the node that hosts the market.
 */
@ApplicationScoped
public class MarketEvents implements Market.Listener {
    /** The topic that carries every market's events to every node. */
    static final String TOPIC = "agora-market-events";

    /**
     * One thing a market published, as it crosses nodes.
     *
     * @param type     the public event's type
     * @param marketId the market
     * @param round    the round
     * @param deadline the round's deadline (round-opened)
     * @param policy   the round's outcome (round-cleared)
     * @param types    every seat's private type (round-opened; each bot's stream gets its own only)
     * @param origin   the address of the node that published it
     */
    public record Published(MarketEventType type, String marketId, int round, Instant deadline, double[] policy,
                            Map<String, Report> types, String origin) implements CborSerializable {
    }

    private final ActorRef<Topic.Command<Published>> topic;
    private final Cluster cluster;
    /** This node's address, which its events carry. */
    private final String self;
    /** Events held per subscriber while its connection is slow; beyond that its stream fails (and only its). */
    private static final int BUFFER = 4096;
    // One pair of processors per market, so that an event reaches only the streams of its own market (a stream per
    // bot; fanning every event out to every bot's stream cost the gateway about a tenth of its CPU under load). A
    // market publishes from its actor; the processors serialize anyway, as the actor may move between threads.
    private final Map<String, Channels> channels = new ConcurrentHashMap<>();

    /** The two streams of one market. */
    private record Channels(Processor<MarketEvent, MarketEvent> events, Processor<Opened, Opened> opened) {
        Channels() {
            this(BroadcastProcessor.<MarketEvent>create().serialized(), BroadcastProcessor.<Opened>create().serialized());
        }
    }

    /** A round opened, with every seat's private type (never sent as is: each seat gets its own). */
    public record Opened(String marketId, int round, Instant deadline, Map<String, Report> types) {
    }
    private final Counter openedCount;
    private final Counter cleared;
    private final Counter failed;
    private final Counter reports;

    MarketEvents(MeterRegistry registry, Platform platform) {
        openedCount = Counter.builder("agora.rounds.opened").description("rounds opened by bot markets").register(registry);
        cleared = Counter.builder("agora.rounds.cleared").description("rounds cleared").register(registry);
        failed = Counter.builder("agora.rounds.failed").description("rounds whose mechanism failed").register(registry);
        reports = Counter.builder("agora.reports.stored").description("reports stored and acknowledged").register(registry);
        topic = platform.spawn(Topic.create(Published.class, TOPIC), "market-events-topic").toCompletableFuture().join();
        cluster = Cluster.get(platform.system());
        self = cluster.selfMember().address().toString();
        ActorRef<Published> subscriber = platform.spawn(Behaviors.receive(Published.class).onMessage(Published.class, p -> {
            if (!self.equals(p.origin())) {
                deliver(p); // this node's own events were delivered when they were published
            }
            return Behaviors.same();
        }).build(), "market-events-subscriber").toCompletableFuture().join();
        topic.tell(Topic.subscribe(subscriber));
    }

    /** Hands what a market published, on whichever node, to the streams open here. */
    private void deliver(Published p) {
        if (p.type() == MarketEventType.ROUND_OPENED) {
            Channels market = channel(p.marketId());
            market.opened().onNext(new Opened(p.marketId(), p.round(), p.deadline(), p.types()));
            market.events().onNext(new MarketEvent(p.type(), p.marketId(), p.round(), p.deadline(), null));
        } else if (p.type().last()) {
            // Streams that start later learn of the end from the market's state (MarketService), not from here.
            Channels market = channels.remove(p.marketId());
            if (market != null) {
                market.events().onNext(new MarketEvent(p.type(), p.marketId(), p.round(), null, null));
            }
        } else {
            channel(p.marketId()).events().onNext(new MarketEvent(p.type(), p.marketId(), p.round(), null, p.policy()));
        }
    }

    /** The events of one market, from now on. */
    public Multi<MarketEvent> of(String marketId) {
        return Multi.createFrom().publisher(channel(marketId).events()).onOverflow().buffer(BUFFER);
    }

    /** The rounds that open in one market, from now on. */
    public Multi<Opened> opened(String marketId) {
        return Multi.createFrom().publisher(channel(marketId).opened()).onOverflow().buffer(BUFFER);
    }

    @Override
    public void roundOpened(String marketId, int round, Instant deadline, Map<String, Report> types) {
        openedCount.increment();
        publish(new Published(MarketEventType.ROUND_OPENED, marketId, round, deadline, null, types, self));
    }

    @Override
    public void roundSettled(String marketId, SettledRound round) {
        (round.failure() == null ? cleared : failed).increment();
        publish(new Published(round.failure() == null ? MarketEventType.ROUND_CLEARED : MarketEventType.ROUND_FAILED,
                marketId, round.round(), null, round.policy(), null, self));
    }

    @Override
    public void reportStored(String marketId, int round) {
        reports.increment();
    }

    @Override
    public void marketEnded(String marketId, String status, int round) {
        publish(new Published(MarketEventType.ended(MarketPhase.of(status)), marketId, round, null, null, null, self));
    }

    /**
     * Hands what a market on this node published to this node's streams at once, and to the other nodes through the
     * topic when there are any: the topic's two actor hops per event (topic, then subscriber) would cost this node
     * thread wake-ups under load for nothing. Other nodes' topics learn of this one through the receptionist, seconds after a
     * node joins, so skipping the topic while this node is alone loses nothing a later node could have received.
     */
    private void publish(Published p) {
        deliver(p);
        if (cluster.state().members().size() > 1) {
            topic.tell(Topic.publish(p));
        }
    }

    private Channels channel(String marketId) {
        return channels.computeIfAbsent(marketId, id -> new Channels());
    }

    /** Whether {@code e} is the last event of its market ({@code market-finished} or {@code market-closed}). */
    static boolean last(MarketEvent e) {
        return e.type().last();
    }

    /** The phase a last event leaves its market in: finished or closed. */
    static MarketPhase phaseOf(MarketEvent last) {
        return last.type() == MarketEventType.MARKET_CLOSED ? MarketPhase.CLOSED : MarketPhase.FINISHED;
    }

    /**
     * {@code source} up to and including the first item that {@code isLast} accepts, then complete (and the
     * subscription upstream cancelled), so that a stream's connection ends with its market.
     */
    static <T> Multi<T> until(Multi<T> source, Predicate<T> isLast) {
        return Multi.createFrom().emitter(emitter -> {
            Cancellable upstream = source.subscribe().with(item -> {
                if (emitter.isCancelled()) {
                    return;
                }
                emitter.emit(item);
                if (isLast.test(item)) {
                    emitter.complete();
                }
            }, emitter::fail, emitter::complete);
            emitter.onTermination(upstream::cancel);
        }, BUFFER); // bounded: a subscriber that stops reading fails its own stream once this many items wait
    }
}
