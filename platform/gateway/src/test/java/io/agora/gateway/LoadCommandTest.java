package io.agora.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.sdk.cli.SdkMain;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code agora load}, the benchmark's load generator, plays real rounds against this gateway on both transports: its
 * bots on plain sockets (the default) and through the SDK's client. Every report it counts was acknowledged, none failed.
 */
@QuarkusTest
@TestProfile(NoRateLimits.class)
@WithTestResource(value = GatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LoadCommandTest {
    @Test
    void bothTransportsPlayRoundsWithoutErrors() throws Exception {
        for (String transport : new String[] {"socket", "sdk"}) {
            JsonNode result = load(transport);
            assertThat(result.get("errors").asLong()).as(transport).isZero();
            // 4 bots in 2 markets of 2 seats for 2 s: a round is a few milliseconds, so hundreds of reports.
            assertThat(result.get("acknowledged").asLong()).as(transport).isGreaterThan(50);
            assertThat(result.get("markets").asInt()).isEqualTo(2);
        }
    }

    private static JsonNode load(String transport) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String data = ConfigProvider.getConfig().getValue("agora.data", String.class);
        int status = SdkMain.run(new String[] {"load", "--url", "http://127.0.0.1:" + RestAssured.port, "--data", data, "--bots", "4",
                "--seats", "2", "--seconds", "2", "--warmup", "1", "--transport", transport},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
