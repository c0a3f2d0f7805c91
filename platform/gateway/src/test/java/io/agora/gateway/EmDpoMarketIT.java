package io.agora.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.sdk.AgoraClient;
import io.agora.sdk.AgoraException;
import io.agora.wire.ClientCredentials;
import io.agora.wire.MarketCreate;
import io.agora.wire.MarketEvent;
import io.agora.wire.MarketEventType;
import io.agora.wire.MechanismView;
import io.agora.wire.ReportComponentView;
import io.agora.wire.RoundView;
import io.agora.wire.SeatResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * P5 over HTTP: annotator bots rank the catalog's candidate replies of a prompt through the SDK, and the em-dpo
 * plugin, reaching the catalog model through its context, trains K policies and deploys their min-max-regret mixture,
 * in the packaged gateway with the built-in plugins.
 */
class EmDpoMarketIT {

    @Test
    void annotatorBotsRankRepliesAndTheMarketDeploysAMixtureOfTrainedPolicies() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "em-dpo-");
        try (GatewayProcess gateway = GatewayProcess.start(root.resolve("data"), GatewayProcess.freePort())) {
            AgoraClient admin = gateway.admin();
            MechanismView described = admin.mechanisms().stream().filter(m -> m.id().equals("em-dpo")).findFirst().orElseThrow();
            assertThat(described.report()).extracting(ReportComponentView::kind).containsExactly("ranking", "id");

            // A model the host does not serve, and a market whose outcomes are not the prompt's candidates, are refused.
            assertThatThrownBy(() -> admin.createMarket(create(Map.of("model", "gpt-9"), 8)))
                    .isInstanceOfSatisfying(AgoraException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.problem().field()).isEqualTo("params.model");
                        assertThat(e.problem().detail()).contains("no language model 'gpt-9'").contains("catalog");
                    });
            assertThatThrownBy(() -> admin.createMarket(create(Map.of(), 5)))
                    .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().detail()).contains("has 8 candidate replies"));

            String market = admin.createMarket(create(Map.of(), 8)).id();
            List<MarketEvent> events = new CopyOnWriteArrayList<>();
            AutoCloseable stream = admin.events(market, events::add);
            List<AgoraClient> bots = seatBots(gateway, admin, market);
            Map<AgoraClient, String> annotatorOf = new java.util.HashMap<>();
            for (int round = 1; round <= 2; round++) {
                for (AgoraClient bot : bots) {
                    RoundView view = bot.awaitRound(market, round - 1, Duration.ofSeconds(30));
                    assertThat(view.round()).isEqualTo(round);
                    // A seat's drawn type names the same annotator every round, so EM sees one annotator per seat.
                    String annotator = view.type().get("annotator").asText();
                    assertThat(annotatorOf.computeIfAbsent(bot, b -> annotator)).isEqualTo(annotator);
                    if (round == 1 && bot == bots.get(0)) {
                        // A ranking that names an outcome twice breaks the declared rule, and the field is named.
                        ObjectNode twice = view.type().deepCopy();
                        ArrayNode ranking = twice.putArray("ranking");
                        ranking.add(0).add(0);
                        assertThatThrownBy(() -> bot.submit(market, 1, twice, "bad"))
                                .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().field()).isEqualTo("ranking[1]"));
                    }
                    bot.submit(market, round, view.type(), "r" + round);
                }
            }
            assertThat(bots.get(0).awaitRound(market, 2, Duration.ofSeconds(30)).over()).isTrue();
            assertThat(new java.util.HashSet<>(annotatorOf.values())).hasSize(3);
            for (AgoraClient bot : bots) {
                SeatResult r = bot.result(market, 2);
                assertThat(r.missed()).isFalse();
                assertThat(r.payment()).isZero();
                assertThat(r.value()).isBetween(0.0, 1.0);
            }
            double[] deployed = deployed(events, 2);
            stream.close();
            assertThat(deployed).hasSize(8);
            double total = 0;
            for (double p : deployed) {
                total += p;
            }
            assertThat(total).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    /**
     * The torch transformer fine-tuned by DPO through a market: em-dpo with one type is single DPO, the model is
     * restricted to the catalog's candidate replies, and each clearing back-propagates the bots' rankings through the
     * network. A tiny shape with seeded random weights keeps it fast; pre-trained weights change nothing here.
     */
    @Test
    void botsFineTuneTheTorchModelThroughAMarket() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "em-dpo-torch-");
        Path models = root.resolve("models.json");
        Files.writeString(models, "{\"models\": [{\"name\": \"torch-tiny\", \"provider\": \"torch\", \"params\": "
                + "{\"weights\": \"none\", \"layers\": 1, \"heads\": 2, \"width\": 16, \"context\": 420, \"promptTokens\": 72}}]}");
        try (GatewayProcess gateway = GatewayProcess.start(root.resolve("data"), GatewayProcess.freePort(), "--models", models.toString())) {
            AgoraClient admin = gateway.admin();
            assertThatThrownBy(() -> admin.createMarket(create(Map.of("model", "torch-tiny", "candidates", "torch-tiny"), 8)))
                    .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().field()).isEqualTo("params.candidates"));
            String market = admin.createMarket(create(Map.of("model", "torch-tiny", "types", 1, "emSteps", 1, "mSteps", 3), 8)).id();
            List<MarketEvent> events = new CopyOnWriteArrayList<>();
            AutoCloseable stream = admin.events(market, events::add);
            List<AgoraClient> bots = seatBots(gateway, admin, market);
            for (int round = 1; round <= 2; round++) {
                for (AgoraClient bot : bots) {
                    RoundView view = bot.awaitRound(market, round - 1, Duration.ofSeconds(30));
                    bot.submit(market, round, view.type(), "r" + round);
                }
            }
            assertThat(bots.get(0).awaitRound(market, 2, Duration.ofSeconds(30)).over()).isTrue();
            for (AgoraClient bot : bots) {
                SeatResult r = bot.result(market, 2);
                assertThat(r.missed()).isFalse();
                assertThat(r.value()).isBetween(0.0, 1.0);
            }
            double[] deployed = deployed(events, 2);
            stream.close();
            assertThat(java.util.Arrays.stream(deployed).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    /** Three bots registered and seated in {@code market}. */
    private static List<AgoraClient> seatBots(GatewayProcess gateway, AgoraClient admin, String market) throws Exception {
        List<AgoraClient> bots = new ArrayList<>();
        for (String name : List.of("ann", "ben", "cat")) {
            ClientCredentials c = admin.createClient(name, "bot");
            AgoraClient bot = AgoraClient.local(gateway.url(), c.clientId(), c.clientSecret());
            bot.join(market);
            bots.add(bot);
        }
        return bots;
    }

    /** The policy deployed in {@code round}, from the market's event stream (waiting up to 10 s for it). */
    private static double[] deployed(List<MarketEvent> events, int round) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.stream().noneMatch(e -> e.type() == MarketEventType.ROUND_CLEARED && e.round() == round) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return events.stream().filter(e -> e.type() == MarketEventType.ROUND_CLEARED && e.round() == round).findFirst().orElseThrow().policy();
    }

    private static MarketCreate create(Map<String, Object> extra, int outcomes) {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("learningRate", 0.005, "mSteps", 5, "emSteps", 2));
        params.putAll(extra);
        double[] reference = new double[outcomes];
        java.util.Arrays.fill(reference, 1);
        return new MarketCreate("p5", "em-dpo", params, reference, 3, 2, 120_000L, "truthful", null, 5L, null);
    }
}
