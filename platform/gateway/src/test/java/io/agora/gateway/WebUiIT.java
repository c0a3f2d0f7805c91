package io.agora.gateway;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.agora.sdk.AgoraClient;
import io.agora.sdk.BotRunner;
import io.agora.sdk.examples.ExaggeratingBot;
import io.agora.sdk.examples.TruthfulBot;
import io.agora.wire.ClientCredentials;
import io.agora.wire.MarketCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in a real browser (Debian's Chromium driven by Playwright) against the packaged gateway: an experimenter
 * signs in through the login page, opens a market and watches it clear while two bots play, reads the ladder with
 * honesty gaps, runs an experiment and downloads its CSV; a bot signs in and sees its own results but not another's
 * ledger or round. Screenshots of the main pages go to {@code target/screenshots}.
 */
class WebUiIT {
    private static final Path SHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static GatewayProcess gateway;
    private static Playwright playwright;
    private static Browser browser;
    private static AgoraClient admin;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "webui-");
        gateway = GatewayProcess.start(root.resolve("data"), GatewayProcess.freePort());
        admin = gateway.admin();
        Files.createDirectories(SHOTS);
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stop() throws Exception {
        if (playwright != null) {
            playwright.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static Page signIn(BrowserContext context, ClientCredentials who) {
        Page page = context.newPage();
        page.navigate(gateway.url().resolve("/").toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).first().click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Agora"))).isVisible();
        page.getByLabel("Client id").fill(who.clientId());
        page.getByLabel("Secret").fill(who.clientSecret());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.locator(".who")).containsText(who.clientId());
        return page;
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Test
    void anExperimenterWatchesAMarketReadsTheLadderAndRunsAnExperiment() throws Exception {
        ClientCredentials erin = admin.createClient("erin", "experimenter");
        ClientCredentials alice = admin.createClient("alice", "bot");
        ClientCredentials bob = admin.createClient("bob", "bot");
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800).setAcceptDownloads(true))) {
            Page page = signIn(context, erin);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Markets"))).isVisible();

            page.getByLabel("Name").fill("ui-market");
            page.getByLabel("Seats").fill("2");
            page.getByLabel("Rounds (0: until closed)").fill("3");
            page.getByLabel("Round deadline (ms)").fill("5000");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open market")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("ui-market"))).isVisible();
            String market = page.url().replaceAll(".*#/markets/", "");
            assertThat(page.locator(".live")).containsText("waiting-for-seats");

            CompletableFuture<BotRunner.Summary> a = CompletableFuture.supplyAsync(() -> BotRunner.of(
                    AgoraClient.local(gateway.url(), alice.clientId(), alice.clientSecret()), market, new TruthfulBot(), Map.of(), 1).run(0));
            CompletableFuture<BotRunner.Summary> b = CompletableFuture.supplyAsync(() -> BotRunner.of(
                    AgoraClient.local(gateway.url(), bob.clientId(), bob.clientSecret()), market, new ExaggeratingBot(), Map.of("alpha", 3.0), 2).run(0));
            assertThat(page.locator("#events")).containsText("Round 1 cleared", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            assertThat(a.get(60, TimeUnit.SECONDS).reports()).isEqualTo(3);
            assertThat(b.get(60, TimeUnit.SECONDS).reports()).isEqualTo(3);
            assertThat(page.locator(".live")).containsText("finished", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            assertThat(page.locator("#leaderboard tbody tr")).hasCount(2);
            assertThat(page.locator(".zero-sum")).hasText(java.util.regex.Pattern.compile("sum to exactly 0"));
            assertThat(page.locator("#policy-rounds canvas")).hasCount(1);
            shot(page, "market");

            page.navigate(gateway.url().resolve("/ui/#/ladders/affine-maximizer").toString());
            assertThat(page.locator("table")).containsText(alice.clientId());
            assertThat(page.locator("table")).containsText(bob.clientId());
            assertThat(page.locator("table thead")).containsText("Honesty gap");
            assertThat(page.locator("#ladder-chart canvas")).hasCount(1);
            shot(page, "ladder");

            page.navigate(gateway.url().resolve("/ui/#/experiments").toString());
            page.locator("#config").fill("name: broken\nmechanism: no-such-mechanism\n");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run experiment")).click();
            assertThat(page.locator("#config-error")).hasText("outcomes: is required"); // the field and the rule, inline
            page.reload();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run experiment")).click();
            assertThat(page.locator("#experiment-status")).containsText("finished",
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(120_000));
            assertThat(page.locator("#metric-chart canvas")).hasCount(1);
            assertThat(page.locator("#audits tbody tr")).hasCount(4); // g1 at each of the four points, with its best misreport
            assertThat(page.locator("#audits tbody")).containsText("rewards: [");
            Download csv = page.waitForDownload(() -> page.locator("#download-csv").click());
            assertThat(Files.readString(csv.path())).startsWith("sweep,point,settings,metric");
            shot(page, "experiment");

            page.navigate(gateway.url().resolve("/ui/#/plugins").toString());
            assertThat(page.locator("#mechanisms")).containsText("affine-maximizer");
            assertThat(page.locator("#strategies")).containsText("truthful");
            shot(page, "plugins");
        }

        // A bot sees its own results and honesty gaps, and nothing of another's.
        String other = admin.createMarket(new MarketCreate("private", "affine-maximizer", Map.of(), new double[] {1, 1, 1}, 2, 1, 5000L,
                null, null, 1L, null, null, null, null)).id();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = signIn(context, bob);
            page.navigate(gateway.url().resolve("/ui/#/markets").toString());
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open market"))).hasCount(0);
            shot(page, "markets-phone");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("ui-market")).click();
            assertThat(page.locator("#my-results tbody tr")).hasCount(3);
            assertThat(page.locator("#my-results thead")).containsText("Honesty gap");
            assertThat(page.locator("#market-ledger")).hasCount(0);
            shot(page, "bot-results-phone");
            Object ledger = page.evaluate("async id => (await fetch('/api/markets/' + id + '/ledger', {headers: {Authorization: 'Bearer ' + "
                    + "JSON.parse(sessionStorage.getItem('agora.token')).token}})).status", other);
            assertThat(ledger).isEqualTo(403);
            page.navigate(gateway.url().resolve("/ui/#/markets/" + other).toString());
            assertThat(page.locator("#my-results")).containsText("no seat");
            Object round = page.evaluate("async id => (await fetch('/api/markets/' + id + '/rounds/1/result', {headers: {Authorization: 'Bearer ' + "
                    + "JSON.parse(sessionStorage.getItem('agora.token')).token}})).status", other);
            assertThat(round).isEqualTo(404);
            page.navigate(gateway.url().resolve("/ui/#/ledger").toString());
            assertThat(page.locator("#my-ledger")).containsText("Your account");
            page.navigate(gateway.url().resolve("/ui/#/experiments").toString());
            assertThat(page.locator("main")).containsText("for experimenters and admins");
        }
    }
}
