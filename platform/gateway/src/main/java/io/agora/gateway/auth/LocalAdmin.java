package io.agora.gateway.auth;

import io.agora.gateway.web.WireJson;
import io.agora.wire.ClientCredentials;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * In local mode, makes sure an {@code admin} client exists whose credentials are in the data folder
 * ({@code admin-credentials.json}, owner-only): {@code agora bots create} uses them. A missing file gets a new secret.
 */
@ApplicationScoped
public class LocalAdmin {
    private static final Logger LOG = Logger.getLogger(LocalAdmin.class);
    /** The admin client's name. */
    public static final String NAME = "admin";

    void bootstrap(@Observes StartupEvent start, LocalIssuer issuer, ClientService clients,
                   @ConfigProperty(name = "agora.data") Path data) throws Throwable {
        if (!issuer.enabled()) {
            return;
        }
        Path file = data.resolve("admin-credentials.json");
        if (Files.exists(file)) {
            return;
        }
        ClientCredentials admin = VertxContextSupport.subscribeAndAwait(() -> clients.rotate(NAME, "admin"));
        Files.createDirectories(data);
        Files.writeString(file, WireJson.write(admin) + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the folder's permissions apply
        }
        LOG.infof("auth: admin credentials written to %s", file);
    }
}
