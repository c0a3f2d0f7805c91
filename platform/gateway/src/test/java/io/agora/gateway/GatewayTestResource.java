package io.agora.gateway;

import io.agora.gateway.boot.Database;
import io.agora.gateway.boot.IssuerKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code agora serve} prepares before Quarkus starts, for tests: a real embedded PostgreSQL in a fresh folder
 * under {@code target/}, migrated by Flyway, and the embedded issuer's key.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {
    private Database db;

    @Override
    public Map<String, String> start() {
        try {
            Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "gateway-test-");
            db = Database.embedded(data);
            db.migrate();
            IssuerKeys keys = IssuerKeys.loadOrCreate(data.resolve("issuer/private-key.pem"));
            return Map.of(
                    "quarkus.datasource.reactive.url", db.reactiveUrl(),
                    "quarkus.datasource.username", db.user(),
                    "quarkus.datasource.password", db.password(),
                    "agora.data", data.toString(),
                    "agora.auth.mode", "local",
                    "quarkus.oidc.public-key", keys.publicKeyBase64(),
                    "quarkus.oidc.token.issuer", "agora-local");
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the test database: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        try {
            if (db != null) {
                db.close();
            }
        } catch (Exception e) {
            // the folder is under target/ and goes with the next clean
        }
    }
}
