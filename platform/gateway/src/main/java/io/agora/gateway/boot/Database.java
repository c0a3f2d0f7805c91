package io.agora.gateway.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's PostgreSQL: by default a real PostgreSQL started from a jar with its data in a folder that
 * survives restarts, or any server given by URL. Either way the schema is brought up to date by Flyway (the
 * versioned scripts in {@code db/migration}) before the application starts; Hibernate then only validates it.
 */
public final class Database implements AutoCloseable {
    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String name;
    private final String user;
    private final String password;

    private Database(EmbeddedPostgres embedded, String host, int port, String name, String user, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.name = name;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts the embedded PostgreSQL on loopback with its data in {@code folder} (created when missing). A server
     * left running by a gateway that was killed is stopped first. Commits are synchronous: an acknowledged write
     * survives a crash.
     */
    public static Database embedded(Path folder) throws IOException {
        Path data = folder.resolve("postgres");
        // The PostgreSQL binaries are unpacked once per machine, not once per data folder (saves ~1.5 s on a fresh one).
        Path binaries = binaries();
        Files.createDirectories(binaries);
        stopOrphan(data);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new Database(pg, "127.0.0.1", pg.getPort(), "postgres", "postgres", "");
    }

    /** Where the embedded PostgreSQL binaries are unpacked: $AGORA_CACHE, or ~/.cache/agora. */
    static Path binaries() {
        String cache = System.getenv("AGORA_CACHE");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "agora");
        return base.resolve("postgres-binaries");
    }

    /** A PostgreSQL server that runs elsewhere, given as {@code postgresql://host:port/db}. */
    public static Database external(String url, String user, String password) {
        java.net.URI uri = java.net.URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--db-url: expected postgresql://HOST[:PORT]/DATABASE, got " + url);
        }
        String db = uri.getPath() == null || uri.getPath().length() < 2 ? "postgres" : uri.getPath().substring(1);
        return new Database(null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, user, password == null ? "" : password);
    }

    /** Applies pending migrations. */
    public void migrate() {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(jdbcUrl(), user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** The JDBC URL (migrations only). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** The URL of the reactive client. */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    /** The user name. */
    public String user() {
        return user;
    }

    /** The password (empty for the embedded server, which trusts loopback). */
    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** Stops a PostgreSQL that still runs on {@code data} (its gateway was killed), so that this one can start. */
    private static void stopOrphan(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
            if (orphan.isPresent()) {
                orphan.get().destroy();
                orphan.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // A stale or unreadable pid file: PostgreSQL itself checks it again and says what is wrong.
        }
    }
}
