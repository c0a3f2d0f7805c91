package io.agora.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.sdk.AgoraClient;
import io.agora.sdk.BotRunner;
import io.agora.sdk.examples.ExaggeratingBot;
import io.agora.sdk.examples.TruthfulBot;
import io.agora.wire.ClientCredentials;
import io.agora.wire.MarketCreate;
import io.agora.wire.MarketEvent;
import io.agora.wire.RoundView;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java SDK and a bot in another language (Python, standard library only) against the running gateway. */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SdkAndOtherLanguagesTest {

    private static URI url() {
        return URI.create("http://127.0.0.1:" + RestAssured.port + "/");
    }

    private static AgoraClient admin() throws Exception {
        Path data = Path.of(ConfigProvider.getConfig().getValue("agora.data", String.class));
        JsonNode creds = new ObjectMapper().readTree(data.resolve("admin-credentials.json").toFile());
        return AgoraClient.local(url(), creds.get("clientId").asText(), creds.get("clientSecret").asText());
    }

    private static String market(AgoraClient admin, int seats, int rounds) {
        return admin.createMarket(new MarketCreate("sdk", "affine-maximizer", Map.of("lambda", 1.0), new double[] {1, 1, 1},
                seats, rounds, 20_000L, "truthful", new MarketCreate.TypeDistribution(1L, 3L), 5L, null)).id();
    }

    @Test
    void twoExampleBotsPlayThroughTheSdkWhileTheEventStreamReportsEachRound() throws Exception {
        AgoraClient admin = admin();
        String market = market(admin, 2, 3);
        ClientCredentials honest = admin.createClient("sdk-honest", "bot");
        ClientCredentials liar = admin.createClient("sdk-liar", "bot");
        List<MarketEvent> events = new CopyOnWriteArrayList<>();
        try (AutoCloseable stream = admin.events(market, events::add)) {
            CompletableFuture<BotRunner.Summary> a = CompletableFuture.supplyAsync(() -> BotRunner.of(
                    AgoraClient.local(url(), honest.clientId(), honest.clientSecret()), market, new TruthfulBot(), Map.of(), 1).run(0));
            CompletableFuture<BotRunner.Summary> b = CompletableFuture.supplyAsync(() -> BotRunner.of(
                    AgoraClient.local(url(), liar.clientId(), liar.clientSecret()), market, new ExaggeratingBot(), Map.of("alpha", 4.0), 2).run(0));
            assertThat(a.get(60, TimeUnit.SECONDS).reports()).isEqualTo(3);
            assertThat(b.get(60, TimeUnit.SECONDS).reports()).isEqualTo(3);
            long until = System.currentTimeMillis() + 5000;
            while (events.stream().filter(e -> e.type() == io.agora.wire.MarketEventType.ROUND_CLEARED).count() < 3 && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
        }
        assertThat(events).filteredOn(e -> e.type() == io.agora.wire.MarketEventType.ROUND_CLEARED).extracting(MarketEvent::round).containsExactly(1, 2, 3);
        assertThat(admin.leaderboard(market)).hasSize(2);
        assertThat(admin.market(market).phase()).isEqualTo(io.agora.wire.MarketPhase.FINISHED);
    }

    @Test
    void theRoundStreamDeliversEachRoundWithTheBotsOwnType() throws Exception {
        AgoraClient admin = admin();
        String market = market(admin, 1, 2);
        ClientCredentials solo = admin.createClient("sdk-solo", "bot");
        AgoraClient bot = AgoraClient.local(url(), solo.clientId(), solo.clientSecret());
        bot.join(market);
        List<RoundView> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        try (AutoCloseable stream = bot.rounds(market, view -> {
            seen.add(view);
            if (view.over()) {
                finished.complete(null);
            } else if (view.collecting() && !view.reported() && seen.stream().filter(v -> v.round() == view.round()).count() == 1) {
                bot.submitAsync(market, view.round(), view.type(),
                        "solo-" + view.round());
            }
        })) {
            finished.get(30, TimeUnit.SECONDS);
        }
        assertThat(seen).filteredOn(RoundView::collecting).extracting(RoundView::round).contains(1, 2);
        assertThat(seen).filteredOn(RoundView::collecting).allSatisfy(v -> assertThat(v.type().get("rewards")).hasSize(3));
    }

    @Test
    void aPythonBotPlaysOverPlainHttp() throws Exception {
        AgoraClient admin = admin();
        String market = market(admin, 2, 2);
        ClientCredentials py = admin.createClient("python-bot", "bot");
        ClientCredentials java = admin.createClient("java-partner", "bot");
        CompletableFuture<BotRunner.Summary> partner = CompletableFuture.supplyAsync(() -> BotRunner.of(
                AgoraClient.local(url(), java.clientId(), java.clientSecret()), market, new TruthfulBot(), Map.of(), 3).run(0));
        Path script = Path.of(System.getProperty("agora.root", "../..")).resolve("agents-sdk/examples/python/bot.py").toAbsolutePath();
        Process p = new ProcessBuilder("python3", script.toString(), "--url", url().toString(), "--client-id", py.clientId(),
                "--secret=" + py.clientSecret(), "--market", market).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
        assertThat(summary.get("reports").asInt()).isEqualTo(2);
        assertThat(partner.get(60, TimeUnit.SECONDS).reports()).isEqualTo(2);
    }
}
