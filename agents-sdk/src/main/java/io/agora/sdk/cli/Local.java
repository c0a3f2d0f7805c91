package io.agora.sdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agora.sdk.AgoraClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local gateway's admin credentials, which {@code agora serve} writes to its data folder. */
final class Local {
    private Local() {
    }

    static Path data(Args args) {
        String configured = args.get("data", System.getenv("AGORA_HOME"));
        return configured != null && !configured.isBlank() ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".agora");
    }

    static AgoraClient admin(URI url, Args args) {
        Path file = data(args).resolve("admin-credentials.json");
        if (!Files.exists(file)) {
            throw new Args.UsageException("--data: no admin credentials in " + file + " (start the gateway with ./agora serve first)");
        }
        try {
            JsonNode creds = new ObjectMapper().readTree(file.toFile());
            return AgoraClient.local(url, creds.get("clientId").asText(), creds.get("clientSecret").asText());
        } catch (IOException e) {
            throw new Args.UsageException("--data: " + file + " cannot be read: " + e.getMessage());
        }
    }
}
