package io.agora.gateway.auth;

import io.agora.gateway.web.ProblemException;
import io.agora.wire.ClientCreate;
import io.agora.wire.ClientCredentials;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Registers clients of the embedded issuer and checks their secrets. Secrets are 256 random bits, so a salted
 * SHA-256 is as strong as a slow password hash here and keeps the token endpoint cheap.
 */
@ApplicationScoped
public class ClientService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Set<String> ROLES = Set.of("bot", "experimenter", "admin");
    private final ClientRepository clients;
    private final String tokenUrl;

    ClientService(ClientRepository clients, @ConfigProperty(name = "quarkus.http.port") int port,
                  @ConfigProperty(name = "quarkus.http.host") String host) {
        this.clients = clients;
        this.tokenUrl = "http://" + host + ":" + port + "/oauth/token";
    }

    /** Registers a client and returns its credentials (the only time the secret is shown). */
    @WithTransaction
    public Uni<ClientCredentials> create(ClientCreate request) {
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw ProblemException.badRequest("name", "required: 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (request.role() == null || !ROLES.contains(request.role())) {
            throw ProblemException.badRequest("role", "must be bot, experimenter or admin");
        }
        return clients.findById(request.name()).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("name", "a client named '" + request.name() + "' exists");
            }
            return store(request.name(), request.role());
        });
    }

    /** Gives {@code name} a new secret (creating the client when missing); for the local admin at start-up. */
    @WithTransaction
    public Uni<ClientCredentials> rotate(String name, String role) {
        return clients.findById(name).chain(existing -> {
            if (existing == null) {
                return store(name, role);
            }
            String secret = secret();
            existing.secretHash = hash(existing.clientId, secret);
            existing.role = role;
            return Uni.createFrom().item(new ClientCredentials(name, role, name, secret, tokenUrl));
        });
    }

    private Uni<ClientCredentials> store(String name, String role) {
        String secret = secret();
        ClientEntity e = new ClientEntity();
        e.clientId = name;
        e.name = name;
        e.role = role;
        e.secretHash = hash(name, secret);
        e.createdAt = OffsetDateTime.now();
        return clients.persist(e).map(saved -> new ClientCredentials(name, role, name, secret, tokenUrl));
    }

    /** Every client, without secrets. */
    @WithSession
    public Uni<List<ClientCredentials>> list() {
        return clients.listAll().map(all -> all.stream().map(c -> new ClientCredentials(c.name, c.role, c.clientId, null, tokenUrl)).toList());
    }

    /** The client when {@code secret} is its secret, otherwise {@code null}. */
    @WithSession
    public Uni<ClientEntity> verify(String clientId, String secret) {
        return clients.findById(clientId).map(c -> c != null && matches(c.secretHash, clientId, secret) ? c : null);
    }

    /**
     * 32 random bytes, base64url. A secret never starts with '-': command lines (the Python example's argparse among
     * them) would read it as an option.
     */
    static String secret() {
        while (true) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (secret.charAt(0) != '-') {
                return secret;
            }
        }
    }

    /** {@code salt$hex(sha256(salt, clientId, secret))} with a fresh random salt. */
    static String hash(String clientId, String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return saltHex + "$" + digest(saltHex, clientId, secret);
    }

    static boolean matches(String stored, String clientId, String secret) {
        int cut = stored.indexOf('$');
        if (cut < 0 || secret == null) {
            return false;
        }
        byte[] expected = stored.substring(cut + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = digest(stored.substring(0, cut), clientId, secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    private static String digest(String salt, String clientId, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((salt + "\u0000" + clientId + "\u0000" + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
