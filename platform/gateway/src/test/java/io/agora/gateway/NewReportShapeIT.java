package io.agora.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agora.runtime.testplugins.SealedBidMechanism;
import io.agora.runtime.testplugins.TestPlugins;
import io.agora.sdk.AgoraClient;
import io.agora.sdk.AgoraException;
import io.agora.wire.ClientCredentials;
import io.agora.wire.MarketCreate;
import io.agora.wire.MechanismView;
import io.agora.wire.ReportComponentView;
import io.agora.wire.RoundView;
import io.agora.wire.SeatResult;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A mechanism whose report the platform has never seen (a text reply and a sealed bid, from a test plugin loaded through
 * PF4J into the packaged gateway) is described by the API, validated by its declared rules and played over HTTP by
 * bots through the SDK, with no platform code that knows it.
 */
class NewReportShapeIT {

    @Test
    void botsPlayAMechanismWithANewReportShapeOverHttp() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "new-shape-");
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        try (var jars = Files.list(Path.of(System.getProperty("agora.plugins.dir")))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        TestPlugins.sealedBidPlugin(plugins);
        try (GatewayProcess gateway = GatewayProcess.start(root.resolve("data"), GatewayProcess.freePort(), plugins)) {
            AgoraClient admin = gateway.admin();

            MechanismView described = admin.mechanisms().stream().filter(m -> m.id().equals("sealed-bid")).findFirst().orElseThrow();
            assertThat(described.plugin()).isEqualTo("sealed-bid");
            assertThat(described.report()).extracting(ReportComponentView::name).containsExactly("reply", "bid", "annotator");
            assertThat(described.report()).extracting(ReportComponentView::kind).containsExactly("text", "number", "id");
            assertThat(described.report().get(1).maximum()).isEqualTo(SealedBidMechanism.MAX_BID);
            assertThat(described.report().get(2).required()).isFalse();
            JsonNode openApi = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    gateway.url().resolve("/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString()).body());
            JsonNode schema = openApi.at("/components/schemas/Report-sealed-bid");
            assertThat(schema.path("properties").has("reply")).isTrue();
            assertThat(schema.at("/properties/bid/maximum").asDouble()).isEqualTo(SealedBidMechanism.MAX_BID);
            assertThat(schema.path("required").toString()).isEqualTo("[\"reply\",\"bid\"]");

            String market = admin.createMarket(new MarketCreate("auction", "sealed-bid", Map.of(), new double[] {1, 1},
                    3, 1, 120_000L, "truthful", null, 5L, null)).id();
            List<AgoraClient> bots = new ArrayList<>();
            for (String name : List.of("ann", "ben", "cat")) {
                ClientCredentials c = admin.createClient(name, "bot");
                AgoraClient bot = AgoraClient.local(gateway.url(), c.clientId(), c.clientSecret());
                bot.join(market);
                bots.add(bot);
            }
            List<RoundView> views = new ArrayList<>();
            for (AgoraClient bot : bots) {
                views.add(bot.awaitRound(market, 0, Duration.ofSeconds(20)));
            }
            RoundView first = views.get(0);
            assertThat(first.round()).isEqualTo(1);
            assertThat(first.reportShape()).extracting(ReportComponentView::name).containsExactly("reply", "bid", "annotator");
            assertThat(first.type().get("reply").isTextual()).isTrue();
            assertThat(first.type().get("bid").asDouble()).isBetween(0.0, SealedBidMechanism.MAX_BID);

            // The declared rules, checked by the platform without knowing the mechanism, with the component named.
            AgoraClient ann = bots.get(0);
            assertThatThrownBy(() -> ann.submit(market, 1, body(first.type(), "bid", 101), "bad-1"))
                    .isInstanceOfSatisfying(AgoraException.class, e -> {
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.problem().field()).isEqualTo("bid");
                        assertThat(e.problem().detail()).contains("must be in [0, 100]");
                    });
            ObjectNode wrongKind = first.type().deepCopy();
            wrongKind.put("reply", 5);
            assertThatThrownBy(() -> ann.submit(market, 1, wrongKind, "bad-2"))
                    .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().field()).isEqualTo("reply"));
            ObjectNode unknown = first.type().deepCopy();
            unknown.put("rewards", 1);
            assertThatThrownBy(() -> ann.submit(market, 1, unknown, "bad-3"))
                    .isInstanceOfSatisfying(AgoraException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.problem().detail()).contains("it takes reply, bid, annotator");
                    });
            ObjectNode badId = first.type().deepCopy();
            badId.put("annotator", "not an id");
            assertThatThrownBy(() -> ann.submit(market, 1, badId, "bad-4"))
                    .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.problem().field()).isEqualTo("annotator"));

            // Everyone bids its value (ann signs hers); the highest wins and pays the second-highest bid.
            for (int i = 0; i < bots.size(); i++) {
                ObjectNode report = views.get(i).type().deepCopy();
                if (i == 0) {
                    report.put("annotator", "ann-1");
                }
                bots.get(i).submit(market, 1, report, "truthful");
            }
            assertThat(ann.awaitRound(market, 1, Duration.ofSeconds(20)).over()).isTrue();
            double[] bids = views.stream().mapToDouble(v -> v.type().get("bid").asDouble()).toArray();
            int winner = 0;
            for (int i = 1; i < bids.length; i++) {
                winner = bids[i] > bids[winner] ? i : winner;
            }
            double second = 0;
            for (int i = 0; i < bids.length; i++) {
                second = i == winner ? second : Math.max(second, bids[i]);
            }
            for (int i = 0; i < bots.size(); i++) {
                SeatResult r = bots.get(i).result(market, 1);
                assertThat(r.missed()).isFalse();
                assertThat(r.payment()).as("bot %d's payment", i).isEqualTo(i == winner ? second : 0);
                assertThat(r.value()).as("bot %d's value", i).isEqualTo(i == winner ? bids[i] : 0);
            }
        }
    }

    private static ObjectNode body(ObjectNode type, String field, double value) {
        ObjectNode copy = type.deepCopy();
        copy.put(field, value);
        return copy;
    }
}
