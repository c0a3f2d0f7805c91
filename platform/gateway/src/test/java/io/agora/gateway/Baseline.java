package io.agora.gateway;

import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What must not change under hostile input: a baseline market as its experimenter and its two bots see it. */
final class Baseline {
    private Baseline() {
    }

    static List<String> state(Supplier<RequestSpecification> http, Map<String, String> tokens, String market) {
        String m = "/api/markets/" + market;
        return List.of(
                get(http, tokens.get("experimenter"), m),
                get(http, tokens.get("experimenter"), m + "/ledger"),
                get(http, tokens.get("experimenter"), m + "/leaderboard"),
                get(http, tokens.get("botA"), m + "/rounds/current"),
                get(http, tokens.get("botB"), m + "/rounds/current"),
                get(http, tokens.get("botB"), "/api/ledger/me"));
    }

    private static String get(Supplier<RequestSpecification> http, String token, String path) {
        return path + " " + http.get().header("Authorization", "Bearer " + token).get(path).then().statusCode(200).extract().asString();
    }
}
