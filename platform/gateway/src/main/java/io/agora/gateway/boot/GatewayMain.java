package io.agora.gateway.boot;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code agora serve}: prepares the database (the embedded PostgreSQL unless a URL is given, then Flyway) and the
 * authentication (the embedded issuer's key, or an external OIDC provider), hands both to Quarkus as
 * configuration, and runs the gateway until it is stopped.
 */
@QuarkusMain
public class GatewayMain implements QuarkusApplication {

    /** Held for the life of the process (a lock whose channel were collected would be released). */
    private static java.nio.channels.FileLock dataLock;

    /** The options of {@code agora serve}. */
    @Command(name = "agora serve", mixinStandardHelpOptions = true,
            description = "Runs the gateway: the HTTP API for bots and experimenters.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
        int port;
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host;
        @Option(names = "--data", description = "data folder (default: $AGORA_HOME or ~/.agora)")
        Path data;
        @Option(names = "--fresh", description = "start with an empty data folder (deletes its database, key and credentials)")
        boolean fresh;
        @Option(names = "--db-url", description = "an external PostgreSQL, postgresql://HOST:PORT/DB (default: embedded)")
        String dbUrl;
        @Option(names = "--db-user", defaultValue = "postgres", description = "its user")
        String dbUser;
        @Option(names = "--db-password", description = "its password (or $AGORA_DB_PASSWORD)")
        String dbPassword;
        @Option(names = "--models", description = "a JSON file of language models to serve: {\"models\": [{\"name\", \"provider\", \"params\"}]}")
        Path models;
        @Option(names = "--oidc-url", description = "an external OIDC realm, such as http://HOST/realms/agora (default: the embedded issuer)")
        String oidcUrl;
        @Option(names = "--cluster-port", description = "the Pekko cluster's port on this node (default: a free one, for a cluster of one)")
        Integer clusterPort;
        @Option(names = "--cluster-host", description = "the address other nodes reach this one at (default: 127.0.0.1)")
        String clusterHost;
        @Option(names = "--seed-nodes", split = ",", description = "host:port of the cluster's seed nodes, comma-separated: "
                + "gateways sharing one PostgreSQL form a cluster (default: none, a cluster of one)")
        java.util.List<String> seedNodes;
        String[] quarkusArgs = new String[0];

        @Override
        public Integer call() throws Exception {
            Path folder = data != null ? data : defaultData();
            Files.createDirectories(folder);
            // One gateway per data folder. The OS drops the lock when this process dies, however it dies, so a
            // PostgreSQL still running on the folder afterwards is an orphan that Database.embedded may stop.
            java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(folder.resolve(".lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            dataLock = lockFile.tryLock();
            if (dataLock == null) {
                System.err.println("agora serve: --data: " + folder + " is in use by another running gateway");
                return 2;
            }
            if (fresh) {
                try (Stream<Path> entries = Files.list(folder)) {
                    for (Path entry : entries.filter(e -> !e.getFileName().toString().equals(".lock")).toList()) {
                        deleteTree(entry);
                    }
                }
            }
            Database db = dbUrl == null ? Database.embedded(folder)
                    : Database.external(dbUrl, dbUser, dbPassword != null ? dbPassword : System.getenv("AGORA_DB_PASSWORD"));
            try (db) {
                db.migrate();
                if (dbUrl == null) {
                    // Other nodes of a cluster on this machine may share it: agora serve --db-url URL --seed-nodes ...
                    System.err.println("agora serve: database: embedded PostgreSQL at " + db.reactiveUrl() + " (user " + db.user() + ")");
                }
                System.setProperty("quarkus.http.port", Integer.toString(port));
                System.setProperty("quarkus.http.host", host);
                System.setProperty("agora.data", folder.toString());
                if (models != null) {
                    System.setProperty("agora.models.file", models.toAbsolutePath().toString());
                }
                if (clusterPort != null) {
                    System.setProperty("agora.cluster.port", Integer.toString(clusterPort));
                }
                if (clusterHost != null) {
                    System.setProperty("agora.cluster.hostname", clusterHost);
                }
                if (seedNodes != null && !seedNodes.isEmpty()) {
                    System.setProperty("agora.cluster.seed-nodes", String.join(",", seedNodes));
                }
                // One event loop per core rather than Quarkus' two: 10-15% more reports per second under `agora load`
                // on 2 cores (fewer wake-ups next to the actors and PostgreSQL).
                System.setProperty("quarkus.vertx.event-loops-pool-size", System.getProperty("quarkus.vertx.event-loops-pool-size",
                        Integer.toString(Runtime.getRuntime().availableProcessors())));
                database(db);
                if (oidcUrl == null) {
                    localIssuer(IssuerKeys.loadOrCreate(folder.resolve("issuer/private-key.pem")));
                } else {
                    System.setProperty("agora.auth.mode", "oidc");
                    System.setProperty("quarkus.oidc.auth-server-url", oidcUrl);
                }
                Quarkus.run(GatewayMain.class, quarkusArgs);
            }
            return 0;
        }
    }

    /** Hands a prepared database to the reactive client. */
    public static void database(Database db) {
        System.setProperty("quarkus.datasource.reactive.url", db.reactiveUrl());
        System.setProperty("quarkus.datasource.username", db.user());
        System.setProperty("quarkus.datasource.password", db.password());
    }

    /** Configures OIDC to accept the embedded issuer's tokens. */
    public static void localIssuer(IssuerKeys keys) {
        System.setProperty("agora.auth.mode", "local");
        System.setProperty("quarkus.oidc.public-key", keys.publicKeyBase64());
        System.setProperty("quarkus.oidc.token.issuer", "agora-local");
    }

    static Path defaultData() {
        String home = System.getenv("AGORA_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".agora");
    }

    static void deleteTree(Path folder) throws java.io.IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public static void main(String... args) {
        int code = new CommandLine(new Serve()).execute(args);
        System.exit(code);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
