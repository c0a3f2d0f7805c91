package io.agora.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.sdk.AgoraClient;
import io.agora.sdk.AgoraException;
import io.agora.wire.ClientCredentials;
import io.agora.wire.LedgerEntry;
import io.agora.wire.MarketCreate;
import io.agora.wire.PreferenceRow;
import io.agora.wire.RoundView;
import io.agora.wire.SeatResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * External bots play the P2, P3 and P4 families over HTTP in the packaged gateway, with the installed plugins and no
 * platform code that knows them: the types the markets deal, the reports the plugins declare, and their payments.
 */
class FamilyMarketsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void botsPlayOnlineWeightingMosaicAndVickreyFeedbackOverHttp() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "families-");
        try (GatewayProcess gateway = GatewayProcess.start(root.resolve("data"), GatewayProcess.freePort())) {
            AgoraClient admin = gateway.admin();
            List<AgoraClient> bots = new ArrayList<>();
            for (String name : List.of("ann", "ben", "cat")) {
                ClientCredentials c = admin.createClient(name, "bot");
                bots.add(AgoraClient.local(gateway.url(), c.clientId(), c.clientSecret()));
            }
            dataAuction(admin, bots);
            replyAuction(admin, bots);
            onlineWeighting(admin, bots);
        }
    }

    /**
     * P2's weights are its online state: after two rounds and a SIGKILL of the gateway, the resumed market's third
     * soft label is the weighted average under the learned weights, not the plain average a fresh instance would give.
     */
    @Test
    void onlineWeightsSurviveAKillOfTheGateway() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "families-restart-");
        Path data = root.resolve("data");
        int port = GatewayProcess.freePort();
        String market;
        List<ClientCredentials> credentials = new ArrayList<>();
        // eta 0.5 moves the weights far in two rounds, so the learned and the equal weights give different labels.
        try (GatewayProcess first = GatewayProcess.start(data, port)) {
            AgoraClient admin = first.admin();
            market = admin.createMarket(new MarketCreate("labels", "online-weighting", Map.of("eta", 0.5), new double[] {1, 1},
                    3, 3, 120_000L, "truthful", null, 8L, null)).id();
            List<AgoraClient> bots = new ArrayList<>();
            for (String name : List.of("ann", "ben", "cat")) {
                ClientCredentials c = admin.createClient(name, "bot");
                credentials.add(c);
                bots.add(AgoraClient.local(first.url(), c.clientId(), c.clientSecret()));
            }
            List<RoundView> views = join(market, bots);
            submitTypes(market, bots, views, 1);
            List<RoundView> second = new ArrayList<>();
            for (AgoraClient bot : bots) {
                second.add(bot.awaitRound(market, 1, WAIT));
            }
            submitTypes(market, bots, second, 2);
            first.kill();
        }
        try (GatewayProcess second = GatewayProcess.start(data, port)) {
            List<AgoraClient> bots = new ArrayList<>();
            for (ClientCredentials c : credentials) {
                bots.add(AgoraClient.local(second.url(), c.clientId(), c.clientSecret()));
            }
            List<RoundView> third = new ArrayList<>();
            for (AgoraClient bot : bots) {
                RoundView v = bot.awaitRound(market, 2, WAIT);
                assertThat(v.round()).isEqualTo(3);
                third.add(v);
            }
            submitTypes(market, bots, third, 3);
            double[] p = third.stream().mapToDouble(v -> v.type().get("probability").asDouble()).toArray();
            double plain = Arrays.stream(p).average().orElseThrow();
            double label = bots.get(0).result(market, 3).policy()[0];
            assertThat(Math.abs(label - plain)).as("the learned weights, not equal ones, aggregate round 3").isGreaterThan(1e-6);
            assertThat(label).isBetween(Arrays.stream(p).min().orElseThrow(), Arrays.stream(p).max().orElseThrow());
        }
    }

    private static final List<String> REPLIES = List.of("Paris.", "It is Paris, on the Seine.", "Lyon.", "I do not know.");

    /**
     * P4: three suppliers offer one of the prompt's candidate replies at their cost; the two cheapest are bought and paid
     * the third's ask; the market's dataset holds the bought pair as texts, with its QA-DPO weight.
     */
    private static void dataAuction(AgoraClient admin, List<AgoraClient> bots) {
        assertThatThrownBy(() -> admin.createMarket(new MarketCreate("data", "vickrey-feedback", Map.of(), new double[] {1, 1, 1, 1},
                3, 2, 120_000L, "truthful", null, 3L, 10.0, "Capital of France?", REPLIES.subList(0, 3))))
                .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().field()).isEqualTo("outcomes"));
        String market = admin.createMarket(new MarketCreate("data", "vickrey-feedback", Map.of("budget", 10.0), new double[] {1, 1, 1, 1},
                3, 2, 120_000L, "truthful", null, 3L, 10.0, "Capital of France?", REPLIES)).id();
        List<RoundView> views = join(market, bots);
        RoundView first = views.get(0);
        assertThat(first.prompt()).isEqualTo("Capital of France?");
        assertThat(first.outcomes()).isEqualTo(REPLIES);
        assertThat(admin.market(market).outcomes()).isEqualTo(REPLIES);
        assertThat(admin.market(market).prompt()).isEqualTo("Capital of France?");
        assertThat(REPLIES).contains(first.type().get("reply").asText());
        ObjectNode notACandidate = first.type().deepCopy();
        notACandidate.put("reply", "Marseille.");
        assertThatThrownBy(() -> bots.get(0).submit(market, 1, notACandidate, "bad"))
                .isInstanceOfSatisfying(AgoraException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.problem().field()).isEqualTo("reply");
                    assertThat(e.problem().detail()).contains("candidate replies");
                });
        ObjectNode tooDear = first.type().deepCopy();
        tooDear.put("bid", 1.5);
        assertThatThrownBy(() -> bots.get(0).submit(market, 1, tooDear, "bad-2"))
                .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().field()).isEqualTo("bid"));
        submitTypes(market, bots, views, 1);
        double[] asks = views.stream().mapToDouble(v -> v.type().get("bid").asDouble()).toArray();
        double third = Arrays.stream(asks).max().orElseThrow();
        int paid = 0;
        for (int i = 0; i < bots.size(); i++) {
            SeatResult r = bots.get(i).result(market, 1);
            if (asks[i] < third) {
                assertThat(r.payment()).as("supplier %d is paid the third ask", i).isEqualTo(-third);
                assertThat(r.utility()).isCloseTo(third - asks[i], within(1e-12));
                paid++;
            } else {
                assertThat(r.payment()).isZero();
            }
        }
        assertThat(paid).isEqualTo(2);
        assertThat(admin.marketLedger(market).stream().map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("0");
        List<PreferenceRow> dataset = admin.dataset(market);
        List<String> bought = new ArrayList<>();
        for (int i = 0; i < bots.size(); i++) {
            if (asks[i] < third) {
                bought.add(views.get(i).type().get("reply").asText());
            }
        }
        if (bought.get(0).equals(bought.get(1))) {
            assertThat(dataset).as("two offers of the same reply teach nothing").isEmpty();
        } else {
            PreferenceRow row = dataset.get(0);
            assertThat(dataset).hasSize(1);
            assertThat(row.prompt()).isEqualTo("Capital of France?");
            assertThat(List.of(row.chosen(), row.rejected())).containsExactlyInAnyOrderElementsOf(bought);
            assertThat(row.weight()).isBetween(0.5, 1.5);
            assertThat(row.round()).isEqualTo(1);
        }
        assertThat(admin.datasetJsonLines(market).lines().count()).isEqualTo(dataset.size());
        assertThatThrownBy(() -> bots.get(0).dataset(market)).isInstanceOfSatisfying(AgoraException.class,
                e -> assertThat(e.status()).as("a bot may not read a market's dataset").isEqualTo(403));

        // A judge model (the catalog) orders the bought pair from the prompt and the generated replies' texts; it needs a prompt.
        assertThatThrownBy(() -> admin.createMarket(new MarketCreate("judged", "vickrey-feedback", Map.of("judge", "catalog"),
                new double[] {1, 1, 1, 1}, 3, 1, 120_000L, "truthful", null, 3L, 10.0)))
                .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().field()).isEqualTo("params.judge"));
        // It also fine-tunes the catalog by QA-DPO on what it buys: the round's outcome is that policy over the candidates.
        String judged = admin.createMarket(new MarketCreate("judged", "vickrey-feedback", Map.of("judge", "catalog", "budget", 10.0,
                "train", "qa-dpo", "model", "catalog"), null, 3, 1, 120_000L, "truthful", null, 3L, 10.0, PROMPT, null,
                new MarketCreate.Generate("catalog", 20, null))).id();
        List<RoundView> offers = join(judged, bots);
        submitTypes(judged, bots, offers, 1);
        List<PreferenceRow> judgedPairs = admin.dataset(judged);
        assertThat(judgedPairs).allSatisfy(row -> assertThat(offers.get(0).outcomes()).contains(row.chosen(), row.rejected()));
        double[] policy = bots.get(0).result(judged, 1).policy();
        assertThat(Arrays.stream(policy).sum()).isCloseTo(1, within(1e-9));
        if (!judgedPairs.isEmpty()) {
            int chosen = offers.get(0).outcomes().indexOf(judgedPairs.get(0).chosen());
            int rejected = offers.get(0).outcomes().indexOf(judgedPairs.get(0).rejected());
            assertThat(policy[chosen] / policy[rejected]).as("trained toward the chosen reply")
                    .isGreaterThan(offers.get(0).reference()[chosen] / offers.get(0).reference()[rejected]);
        }
    }

    private static final String PROMPT = "Give a professional one practical tip about choosing a houseplant.";

    /**
     * P3: the candidate replies to a query are drawn from the catalog model when the market opens; three advertisers
     * report rewards over them; payments are at least 0 and below the value.
     */
    private static void replyAuction(AgoraClient admin, List<AgoraClient> bots) {
        MarketCreate.Generate twenty = new MarketCreate.Generate("catalog", 20, null);
        assertThatThrownBy(() -> admin.createMarket(new MarketCreate("replies", "mosaic", Map.of(), new double[] {1, 1}, 3, 1, 120_000L,
                "truthful", null, 4L, null, PROMPT, null, twenty)))
                .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().field()).isEqualTo("generate"));
        assertThatThrownBy(() -> admin.createMarket(new MarketCreate("replies", "mosaic", Map.of(), null, 3, 1, 120_000L,
                "truthful", null, 4L, null, PROMPT, null, new MarketCreate.Generate("gpt-9", 20, null))))
                .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().field()).isEqualTo("generate.model"));
        assertThatThrownBy(() -> admin.createMarket(new MarketCreate("replies", "mosaic", Map.of(), null, 3, 1, 120_000L,
                "truthful", null, 4L, null, PROMPT, null, new MarketCreate.Generate("catalog", 1000, null))))
                .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().field()).isEqualTo("generate.count"));
        String market = admin.createMarket(new MarketCreate("replies", "mosaic", Map.of("tau", 1.0, "generator", "uniform"), null,
                3, 1, 120_000L, "truthful", null, 4L, null, PROMPT, null, twenty)).id();
        List<RoundView> views = join(market, bots);
        RoundView first = views.get(0);
        assertThat(first.prompt()).isEqualTo(PROMPT);
        assertThat(first.outcomes()).hasSizeBetween(2, 20).doesNotHaveDuplicates();
        assertThat(first.reference()).hasSize(first.outcomes().size());
        assertThat(Arrays.stream(first.reference()).sum()).isCloseTo(1, within(1e-9));
        // The draws' frequencies: multiples of 1/20.
        assertThat(Arrays.stream(first.reference()).map(w -> w * 20).allMatch(k -> Math.abs(k - Math.rint(k)) < 1e-9)).isTrue();
        assertThat(first.type().get("rewards").size()).isEqualTo(first.outcomes().size());
        submitTypes(market, bots, views, 1);
        for (AgoraClient bot : bots) {
            SeatResult r = bot.result(market, 1);
            assertThat(r.payment()).isGreaterThanOrEqualTo(-1e-12);
            assertThat(r.utility()).isGreaterThanOrEqualTo(-1e-12);
            assertThat(Arrays.stream(r.policy()).sum()).isCloseTo(1, within(1e-12));
        }
    }

    /** P2: three labelers report a probability; the soft label is their weighted average, and nobody pays. */
    private static void onlineWeighting(AgoraClient admin, List<AgoraClient> bots) {
        String market = admin.createMarket(new MarketCreate("labels", "online-weighting", Map.of(), new double[] {1, 1},
                3, 2, 120_000L, "truthful", null, 5L, null)).id();
        List<RoundView> views = join(market, bots);
        submitTypes(market, bots, views, 1);
        double mean = views.stream().mapToDouble(v -> v.type().get("probability").asDouble()).average().orElseThrow();
        SeatResult r = bots.get(0).result(market, 1);
        assertThat(r.policy()[0]).as("the first round's weights are equal").isCloseTo(mean, within(1e-12));
        assertThat(r.payment()).isZero();
        // The soft label as two weighted pairs; without outcome texts, replies are named by their index.
        List<PreferenceRow> dataset = admin.dataset(market);
        assertThat(dataset).extracting(PreferenceRow::chosen).containsExactly("0", "1");
        assertThat(dataset.get(0).weight()).isCloseTo(mean, within(1e-12));
        assertThat(dataset.get(0).prompt()).isEmpty();
    }

    private static List<RoundView> join(String market, List<AgoraClient> bots) {
        for (AgoraClient bot : bots) {
            bot.join(market);
        }
        List<RoundView> views = new ArrayList<>();
        for (AgoraClient bot : bots) {
            RoundView v = bot.awaitRound(market, 0, WAIT);
            assertThat(v.round()).isEqualTo(1);
            views.add(v);
        }
        return views;
    }

    private static void submitTypes(String market, List<AgoraClient> bots, List<RoundView> views, int round) {
        for (int i = 0; i < bots.size(); i++) {
            bots.get(i).submit(market, round, views.get(i).type(), "truthful-" + round);
        }
        RoundView after = bots.get(0).awaitRound(market, round, WAIT);
        assertThat(after.round() > round || after.over()).as("round %d has cleared", round).isTrue();
    }
}
