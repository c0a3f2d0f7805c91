package io.agora.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.agora.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** Event and round streams end, with a last event, when their market finishes or closes (and at once when it has). */
@QuarkusTest
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StreamEndTest {
    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    private CompletableFuture<HttpResponse<String>> stream(String token, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void streamsEndWhenTheMarketFinishes() throws Exception {
        String experimenter = Api.client("experimenter");
        String bot = Api.client("bot");
        String market = Api.market(experimenter, 1, 1, 60_000);
        Api.join(bot, market);
        CompletableFuture<HttpResponse<String>> events = stream(experimenter, "/api/markets/" + market + "/events");
        CompletableFuture<HttpResponse<String>> rounds = stream(bot, "/api/markets/" + market + "/rounds/stream");
        Api.awaitRound(bot, market, 0);
        Thread.sleep(200); // the streams' subscriptions are in place before the round settles
        Api.report(bot, market, 1, "k", "{\"rewards\":[0.2,0.3,0.5],\"weight\":1}").then().statusCode(201);
        String eventText = events.get(30, TimeUnit.SECONDS).body();
        String roundText = rounds.get(30, TimeUnit.SECONDS).body();
        assertThat(eventText).contains("round-cleared").contains("market-finished");
        assertThat(roundText).contains("\"phase\":\"finished\"");
        // Subscribing after the end answers the last event and ends at once.
        assertThat(stream(experimenter, "/api/markets/" + market + "/events").get(30, TimeUnit.SECONDS).body()).contains("market-finished");
        assertThat(stream(bot, "/api/markets/" + market + "/rounds/stream").get(30, TimeUnit.SECONDS).body()).contains("\"phase\":\"finished\"");
    }

    @Test
    void streamsEndWhenTheMarketCloses() throws Exception {
        String experimenter = Api.client("experimenter");
        String bot = Api.client("bot");
        String market = Api.market(experimenter, 2, 0, 60_000);
        Api.join(bot, market);
        CompletableFuture<HttpResponse<String>> events = stream(experimenter, "/api/markets/" + market + "/events");
        CompletableFuture<HttpResponse<String>> rounds = stream(bot, "/api/markets/" + market + "/rounds/stream");
        Thread.sleep(200);
        as(experimenter).post("/api/markets/" + market + "/close").then().statusCode(200);
        assertThat(events.get(30, TimeUnit.SECONDS).body()).contains("market-closed");
        assertThat(rounds.get(30, TimeUnit.SECONDS).body()).contains("\"phase\":\"closed\"");
    }
}
