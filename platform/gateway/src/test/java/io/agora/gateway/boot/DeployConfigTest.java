package io.agora.gateway.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agora.gateway.DeploymentKeys;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files (deploy/compose.yaml, deploy/k8s) against the gateway: every command-line option they pass is
 * one {@code agora serve} has, every environment variable is a setting the gateway reads (a configuration key, in
 * Quarkus' environment form, or one the launcher reads) or a variable the manifest itself substitutes, and both name the
 * settings the cluster test gives its nodes ({@link DeploymentKeys}).
 */
class DeployConfigTest {
    private static final Path ROOT = Path.of(System.getProperty("agora.root", "../.."));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Read by GatewayMain from the environment itself. */
    private static final Set<String> LAUNCHER_ENV = Set.of("AGORA_DB_PASSWORD", "AGORA_HOME", "AGORA_CACHE");
    /** Quarkus' own settings that a deployment may set. */
    private static final Set<String> QUARKUS_KEYS = Set.of("quarkus.oidc.token.issuer", "quarkus.http.limits.max-body-size");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        return docs;
    }

    /** The environment form of every setting the gateway reads. */
    private static Set<String> settings() throws IOException {
        Set<String> keys = new TreeSet<>(QUARKUS_KEYS);
        for (String line : Files.readAllLines(ROOT.resolve("platform/gateway/src/main/resources/application.properties"))) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                keys.add(line.substring(0, line.indexOf('=')).strip());
            }
        }
        try (Stream<Path> sources = Files.walk(ROOT.resolve("platform/gateway/src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CONFIG_PROPERTY.matcher(Files.readString(source));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        Set<String> env = new TreeSet<>(LAUNCHER_ENV);
        keys.forEach(k -> env.add(k.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
        return env;
    }

    private static Set<String> options() {
        return new CommandLine(new GatewayMain.Serve()).getCommandSpec().optionsMap().keySet();
    }

    private static void addAll(JsonNode array, List<String> into) {
        array.forEach(n -> into.add(n.asText()));
    }

    @Test
    void composeNamesOnlyRealSettingsAndTheOnesTheClusterTestUses() throws IOException {
        JsonNode compose = documents(ROOT.resolve("deploy/compose.yaml")).get(0);
        Set<String> settings = settings();
        JsonNode gateway = compose.get("x-gateway");
        List<String> env = new ArrayList<>();
        gateway.get("environment").fieldNames().forEachRemaining(env::add);
        assertThat(settings).as("settings the gateway reads").containsAll(env);
        assertThat(env).containsAll(DeploymentKeys.NODE_ENV);
        for (String node : List.of("gateway-1", "gateway-2", "gateway-3")) {
            List<String> args = new ArrayList<>();
            addAll(compose.get("services").get(node).get("command"), args);
            List<String> flags = args.stream().filter(a -> a.startsWith("--")).toList();
            assertThat(options()).as("agora serve's options").containsAll(flags);
            assertThat(flags).as(node).containsAll(DeploymentKeys.NODE_OPTIONS);
        }
    }

    @Test
    void theManifestsNameOnlyRealSettingsAndTheOnesTheClusterTestUses() throws IOException {
        Set<String> settings = settings();
        List<String> env = new ArrayList<>();
        List<String> args = new ArrayList<>();
        Set<String> substituted = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (JsonNode doc : documents(file)) {
                    String kind = doc.path("kind").asText();
                    if (kind.equals("ConfigMap") || kind.equals("Secret")) {
                        JsonNode data = doc.has("data") ? doc.get("data") : doc.get("stringData");
                        data.fieldNames().forEachRemaining(env::add);
                    } else if (kind.equals("StatefulSet")) {
                        for (JsonNode container : doc.at("/spec/template/spec/containers")) {
                            addAll(container.get("args"), args);
                            container.path("env").forEach(e -> substituted.add(e.get("name").asText()));
                        }
                    }
                }
            }
        }
        for (String arg : args) {
            Matcher m = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)").matcher(arg);
            while (m.find()) {
                substituted.add(m.group(1));
            }
        }
        List<String> read = env.stream().filter(e -> !substituted.contains(e)).toList();
        assertThat(settings).as("settings the gateway reads").containsAll(read);
        assertThat(env).as("every substituted variable is defined").containsAll(substituted.stream().filter(v -> !v.equals("POD_IP")).toList());
        List<String> flags = args.stream().filter(a -> a.startsWith("--")).toList();
        assertThat(options()).containsAll(flags);
        assertThat(flags).containsAll(DeploymentKeys.NODE_OPTIONS.stream().filter(o -> !o.equals("--seed-nodes")).toList());
        assertThat(env).containsAll(DeploymentKeys.NODE_ENV).contains("AGORA_CLUSTER_DISCOVERY");
    }
}
