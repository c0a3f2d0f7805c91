package io.agora.sdk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agora.api.StrategyPolicy;
import io.agora.sdk.AgoraClient;
import io.agora.sdk.BotRunner;
import io.agora.sdk.examples.ExaggeratingBot;
import io.agora.sdk.examples.TruthfulBot;
import io.agora.wire.MarketCreate;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bot side of the {@code agora} command line: register bots, open a market, run an example bot, and generate
 * load. Talks to a gateway over HTTP only (through this SDK), like any bot.
 *
 * <p>Exit codes, as for the platform's commands: 0 success; 2 invalid input (a bad option, credentials the issuer
 * refuses, a request the gateway refuses as invalid, unknown or forbidden); 1 anything else (an unreachable gateway,
 * a conflict such as a full market, a server error, a bot run with nothing to play). Every error is one line on
 * stderr starting with {@code error:}; {@code AGORA_DEBUG=1} adds the stack trace.
 */
public final class SdkMain {
    // Times as ISO-8601 text, as the HTTP API writes them, not as epoch seconds.
    private static final ObjectMapper OUT = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SdkMain() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs a command with the given streams and returns the exit code; errors become one line on {@code err}. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        try {
            return dispatch(argv, out, err);
        } catch (Exception e) {
            return Failure.report(e, err);
        }
    }

    static int dispatch(String[] argv, PrintStream out, PrintStream err) throws Exception {
        boolean oneWord = argv.length > 0 && Set.of("load", "mechanisms").contains(argv[0]);
        String command = argv.length == 0 ? "" : oneWord ? argv[0] : argv.length >= 2 ? argv[0] + " " + argv[1] : argv[0];
        int skip = oneWord ? 1 : 2;
        String[] rest = argv.length >= skip ? java.util.Arrays.copyOfRange(argv, skip, argv.length) : new String[0];
        switch (command) {
            case "bots create" -> {
                Args args = new Args(rest, Set.of("url", "data", "role"));
                if (args.positional.size() != 1) {
                    throw new Args.UsageException("usage: agora bots create NAME [--role bot|experimenter|admin] [--url URL] [--data DIR]");
                }
                AgoraClient admin = Local.admin(url(args), args);
                out.println(OUT.writeValueAsString(admin.createClient(args.positional.get(0), args.get("role", "bot"))));
                return 0;
            }
            case "markets create" -> {
                Args args = new Args(rest, Set.of("url", "data", "seats", "rounds", "deadline-ms", "lambda", "outcomes", "name",
                        "mechanism", "params"));
                // Every option is checked before the credentials are read or the gateway is called.
                int outcomes = args.integer("outcomes", 3, 2);
                int seats = args.integer("seats", 2, 1);
                int rounds = args.integer("rounds", 10, 0);
                long deadline = args.integer("deadline-ms", 10_000, 10);
                String mechanism = args.get("mechanism", "affine-maximizer");
                boolean p1 = mechanism.equals("affine-maximizer");
                if (!p1 && args.get("lambda", null) != null) {
                    throw new Args.UsageException("--lambda: only for affine-maximizer; give other mechanisms' parameters in --params");
                }
                Map<String, Object> params = args.get("params", null) != null ? params(args.get("params", null))
                        : p1 ? Map.of("lambda", args.positive("lambda", 1.0)) : Map.of();
                double[] reference = new double[outcomes];
                java.util.Arrays.fill(reference, 1);
                // Group sizes 1..5 for P1's types; a mechanism without a weight draws its types from its report shape alone.
                MarketCreate request = new MarketCreate(args.get("name", null), mechanism, params, reference, seats, rounds, deadline,
                        "truthful", p1 ? new MarketCreate.TypeDistribution(1L, 5L) : null, null, null);
                out.println(OUT.writeValueAsString(Local.admin(url(args), args).createMarket(request)));
                return 0;
            }
            case "markets dataset" -> {
                Args args = new Args(rest, Set.of("url", "data", "out"));
                if (args.positional.size() != 1) {
                    throw new Args.UsageException("usage: agora markets dataset MARKET [--out FILE] [--url URL] [--data DIR]");
                }
                String lines = Local.admin(url(args), args).datasetJsonLines(args.positional.get(0));
                String file = args.get("out", null);
                if (file == null) {
                    out.print(lines);
                } else {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(file), lines, java.nio.charset.StandardCharsets.UTF_8);
                    err.println(lines.lines().count() + " preference pairs written to " + file);
                }
                return 0;
            }
            case "mechanisms" -> {
                Args args = new Args(rest, Set.of("url", "data"));
                out.println(OUT.writeValueAsString(Local.admin(url(args), args).mechanisms()));
                return 0;
            }
            case "bot run" -> {
                Args args = new Args(rest, Set.of("url", "market", "client-id", "secret", "token-url", "strategy", "reports"));
                URI url = url(args);
                String market = args.required("market");
                String clientId = args.required("client-id");
                String secret = args.get("secret", System.getenv("AGORA_CLIENT_SECRET"));
                if (secret == null || secret.isBlank()) {
                    throw new Args.UsageException("--secret: required (or set AGORA_CLIENT_SECRET)");
                }
                int reports = args.integer("reports", 0, 0);
                StrategyPolicy policy = switch (args.get("strategy", "truthful")) {
                    case "truthful" -> new TruthfulBot();
                    case "exaggerating" -> new ExaggeratingBot();
                    default -> throw new Args.UsageException("--strategy: must be truthful or exaggerating");
                };
                URI tokenUrl = URI.create(args.get("token-url", url.resolve("/oauth/token").toString()));
                AgoraClient client = new AgoraClient(url, new io.agora.sdk.ClientCredentials(tokenUrl, clientId, secret));
                BotRunner.Summary summary = BotRunner.of(client, market, policy, Map.of(), 1).run(reports);
                out.println(OUT.writeValueAsString(summary));
                // A market that was over before this run played a round is an error: the user asked for play and got
                // none (a stale market id looks the same), so scripts must not mistake it for a market played to the end.
                if (summary.nothingPlayed()) {
                    err.println("error: market " + market + (summary.ended() == io.agora.wire.MarketPhase.CLOSED ? " was closed" : " has finished")
                            + " before this bot played any round; nothing to play");
                    return 1;
                }
                return 0;
            }
            case "load" -> {
                Args args = new Args(argv.length > 1 ? java.util.Arrays.copyOfRange(argv, 1, argv.length) : new String[0],
                        Set.of("url", "data", "bots", "seconds", "seats", "warmup", "also", "transport"));
                int bots = args.integer("bots", 64, 1);
                int seconds = args.integer("seconds", 20, 1);
                int seats = args.integer("seats", 8, 1);
                int warmup = args.integer("warmup", 3, 0);
                // --also U2,U3: more nodes of the same cluster; the bots spread over all of them.
                List<URI> nodes = new java.util.ArrayList<>(List.of(url(args)));
                for (String also : args.get("also", "").split(",")) {
                    if (!also.isBlank()) {
                        nodes.add(url(also.strip(), "--also"));
                    }
                }
                String transport = args.get("transport", "socket");
                if (!transport.equals("socket") && !transport.equals("sdk")) {
                    err.println("error: --transport must be socket (HTTP/1.1 on plain sockets) or sdk (the SDK's client), not '" + transport + "'");
                    return 2;
                }
                return LoadGenerator.run(nodes, Local.admin(url(args), args), bots, seconds, seats, warmup, transport.equals("socket"), out, err);
            }
            default -> {
                err.println("usage: agora bots create NAME | agora markets create [--mechanism ID --params JSON] | agora markets dataset MARKET"
                        + " [--out FILE] | agora mechanisms"
                        + " | agora bot run --market M --client-id ID --secret S | agora load --bots N --seconds S [--also URL,URL] [--transport socket|sdk]");
                return 2;
            }
        }
    }

    /** {@code --params}: a JSON object of mechanism parameters. */
    private static Map<String, Object> params(String json) {
        try {
            return OUT.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new Args.UsageException("--params: must be a JSON object such as '{\"lambda\": 0.5}'");
        }
    }

    private static URI url(Args args) {
        return url(args.get("url", "http://127.0.0.1:8080"), "--url");
    }

    private static URI url(String u, String option) {
        try {
            URI uri = URI.create(u.endsWith("/") ? u : u + "/");
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new Args.UsageException(option + ": not an http(s) URL: " + u);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(option + ": not a URL: " + u);
        }
    }
}
