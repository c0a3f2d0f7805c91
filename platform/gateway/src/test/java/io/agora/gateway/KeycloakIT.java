package io.agora.gateway;

import io.agora.sdk.AgoraClient;
import io.agora.sdk.AgoraException;
import io.agora.sdk.ClientCredentials;
import io.agora.wire.MarketCreate;
import io.agora.wire.RoundView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway against the real Keycloak distribution (started by deploy/keycloak/start.sh with the realm in
 * deploy/keycloak): client-credentials tokens from Keycloak play a market; roles come from the realm; the embedded
 * issuer is off; a person signs in to the web UI through Keycloak's own login page.
 */
class KeycloakIT {
    private static final Path ROOT = Path.of(System.getProperty("agora.root", "../..")).toAbsolutePath().normalize();
    private static boolean startedHere;
    private static String realm;

    @BeforeAll
    static void keycloak() throws Exception {
        startedHere = !alive();
        Process p = new ProcessBuilder(ROOT.resolve("deploy/keycloak/start.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        realm = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as("deploy/keycloak/start.sh").isZero();
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        if (startedHere) {
            new ProcessBuilder(ROOT.resolve("deploy/keycloak/start.sh").toString(), "stop").inheritIO().start().waitFor();
        }
    }

    private static boolean alive() {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + System.getProperty("agora.keycloak.port", "8180") + "/realms/agora")).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static AgoraClient client(GatewayProcess gateway, String clientId) {
        URI tokens = URI.create(realm + "/protocol/openid-connect/token");
        HttpClient http = AgoraClient.defaultHttp();
        return new AgoraClient(gateway.url(), new ClientCredentials(tokens, clientId, clientId + "-secret", http), http);
    }

    @Test
    void tokensFromKeycloakPlayAMarketWithTheRealmsRoles() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "keycloak-it-").resolve("data");
        try (GatewayProcess gateway = GatewayProcess.start(data, GatewayProcess.freePort(), "--oidc-url", realm)) {
            AgoraClient experimenter = client(gateway, "agora-experimenter");
            AgoraClient bot1 = client(gateway, "agora-bot-1");
            AgoraClient bot2 = client(gateway, "agora-bot-2");

            String market = experimenter.createMarket(new MarketCreate("kc", "affine-maximizer", Map.of(), new double[] {1, 1, 1},
                    2, 1, 30_000L, null, null, 3L, null)).id();
            assertThatThrownBy(() -> bot1.createMarket(new MarketCreate("no", "affine-maximizer", Map.of(), new double[] {1, 1}, 1, 1, null, null, null, null, null)))
                    .isInstanceOfSatisfying(AgoraException.class, e -> assertThat(e.status()).isEqualTo(403));

            assertThat(bot1.join(market).bot()).isEqualTo("agora-bot-1");
            bot2.join(market);
            for (AgoraClient bot : new AgoraClient[] {bot1, bot2}) {
                RoundView round = bot.awaitRound(market, 0, Duration.ofSeconds(10));
                bot.submit(market, round.round(), round.type(), "r" + round.round());
            }
            assertThat(bot1.awaitRound(market, 1, Duration.ofSeconds(10)).phase()).isEqualTo(io.agora.wire.MarketPhase.FINISHED);
            assertThat(bot1.result(market, 1).status()).isEqualTo(io.agora.wire.RoundStatus.CLEARED);
            assertThat(experimenter.marketLedger(market)).isNotEmpty();

            HttpResponse<String> local = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.url().resolve("/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=a&client_secret=b")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(local.statusCode()).as("the embedded issuer is off with an external provider").isEqualTo(404);
        }
    }

    /**
     * The web UI with Keycloak: the UI finds the provider through /api/ui/config and its discovery document, the person
     * signs in on Keycloak's page (authorization code with PKCE, the realm's public client agora-ui), and the gateway
     * names the caller by the person (preferred_username), who opens a market as its owner.
     */
    @Test
    void aPersonSignsInThroughKeycloaksPageAndOpensAMarket() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "keycloak-ui-").resolve("data");
        try (GatewayProcess gateway = GatewayProcess.start(data, GatewayProcess.freePort(), "--oidc-url", realm);
             com.microsoft.playwright.Playwright playwright = Chromium.playwright()) {
            com.microsoft.playwright.Browser browser = Chromium.launch(playwright);
            com.microsoft.playwright.Page page = browser.newPage();
            page.navigate(gateway.url().resolve("/ui/").toString());
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Sign in")).first().click();
            page.locator("#username").fill("experimenter");
            page.locator("#password").fill("experimenter");
            page.locator("#kc-login").click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator(".who")).containsText("experimenter");
            page.getByLabel("Name").fill("kc-ui");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Open market")).click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("dl.facts")).containsText("experimenter");
        }
    }
}
