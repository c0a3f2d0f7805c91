package io.agora.sdk.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad command lines fail before any request, with one line naming the option and the rule. */
class SdkMainBadInputTest {

    private static void refused(String message, String... argv) {
        SdkMainGatewayErrorsTest.Result r = SdkMainGatewayErrorsTest.agora(argv);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(message).hasLineCount(1);
    }

    @Test
    void unknownOptionsAndMissingValuesNameTheOption() {
        refused("--colour: unknown option", "bots", "create", "alice", "--colour", "red");
        refused("--role: a value is required", "bots", "create", "alice", "--role");
    }

    @Test
    void numbersAreCheckedWithTheirRule() {
        refused("--seats: must be a whole number, got 'two'", "markets", "create", "--seats", "two");
        refused("--bots: must be >= 1, got 0", "load", "--bots", "0");
        refused("--transport must be socket (HTTP/1.1 on plain sockets) or sdk (the SDK's client), not 'udp'", "load", "--transport", "udp");
        refused("--lambda: must be a number, got 'big'", "markets", "create", "--lambda", "big");
        refused("--lambda: must be a positive number, got -1", "markets", "create", "--lambda", "-1");
    }

    @Test
    void otherMechanismsTakeTheirParametersAsJson() {
        refused("--params: must be a JSON object", "markets", "create", "--mechanism", "sealed-bid", "--params", "lambda=1");
        refused("--lambda: only for affine-maximizer", "markets", "create", "--mechanism", "sealed-bid", "--lambda", "2");
        refused("--colour: unknown option", "mechanisms", "--colour", "red");
    }

    @Test
    void requiredOptionsAndArgumentsAreNamed() {
        refused("usage: agora bots create NAME", "bots", "create");
        refused("--market: required", "bot", "run", "--client-id", "a", "--secret", "s");
        refused("--secret: required", "bot", "run", "--market", "m", "--client-id", "a");
        refused("--strategy: must be truthful or exaggerating", "bot", "run", "--market", "m", "--client-id", "a", "--secret", "s", "--strategy", "greedy");
    }

    @Test
    void aMissingAdminCredentialFileSaysWhereItWasLookedFor(@org.junit.jupiter.api.io.TempDir Path empty) {
        refused("--data: no admin credentials in " + empty.resolve("admin-credentials.json"), "bots", "create", "alice", "--data", empty.toString());
    }

    @Test
    void anUnknownCommandPrintsUsageAndExitsTwo() {
        assertThat(SdkMainGatewayErrorsTest.agora("dance").code()).isEqualTo(2);
    }
}
