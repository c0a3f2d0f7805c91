package io.agora.gateway.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The seed nodes of a gateway running in Kubernetes, found through the Kubernetes API: the running pods of the
 * gateway's StatefulSet (by label, in its own namespace), oldest name first, each at the cluster port. Every pod computes
 * the same list, so the first one forms the cluster and the others join it; a pod that restarts finds the others up and
 * joins them (Pekko's seed-node process). Reads the pod's service account (token, CA, namespace) as Kubernetes mounts
 * it; the API's address comes from {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} or {@code agora.cluster.kubernetes.api-url}.
 *
 * <p>Pekko Management's own Kubernetes discovery would do this, but it needs pekko-discovery at the Pekko version in use
 * (1.7.0), which the registry here does not serve, and Pekko refuses mixed module versions.
 */
final class KubernetesSeeds {
    private static final Path ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    private static final ObjectMapper JSON = new ObjectMapper();

    private KubernetesSeeds() {
    }

    /**
     * The seed nodes ({@code ip:port}) from the pods labelled {@code selector}: running ones with an IP, sorted by name.
     *
     * @param apiUrl  the API server, or {@code null} for the one Kubernetes names in the pod's environment
     * @param account the service account folder (token, ca.crt, namespace)
     */
    static List<String> find(String apiUrl, Path account, String selector, int port) throws IOException, InterruptedException {
        Path folder = account != null ? account : ACCOUNT;
        String namespace = Files.readString(folder.resolve("namespace")).strip();
        String token = Files.readString(folder.resolve("token")).strip();
        String base = apiUrl != null ? apiUrl : "https://" + System.getenv("KUBERNETES_SERVICE_HOST") + ":" + System.getenv("KUBERNETES_SERVICE_PORT");
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (base.startsWith("https:")) {
            client.sslContext(trusting(folder.resolve("ca.crt")));
        }
        URI uri = URI.create(base + "/api/v1/namespaces/" + namespace + "/pods?labelSelector="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        HttpResponse<InputStream> answer = client.build().send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            if (answer.statusCode() != 200) {
                throw new IOException("the Kubernetes API answered " + answer.statusCode() + " to listing pods " + selector
                        + " in " + namespace + " (does the service account have the role in deploy/k8s/rbac.yaml?)");
            }
            List<JsonNode> pods = new ArrayList<>();
            JSON.readTree(body).path("items").forEach(pods::add);
            return pods.stream()
                    .filter(p -> "Running".equals(p.path("status").path("phase").asText()) && !p.path("status").path("podIP").asText().isEmpty()
                            && p.path("metadata").path("deletionTimestamp").isMissingNode())
                    .sorted(Comparator.comparing(p -> p.path("metadata").path("name").asText()))
                    .map(p -> p.path("status").path("podIP").asText() + ":" + port)
                    .toList();
        }
    }

    private static SSLContext trusting(Path caCertificate) throws IOException {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            return ssl;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("the service account's CA certificate cannot be read: " + e.getMessage(), e);
        }
    }
}
