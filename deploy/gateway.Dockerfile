# The gateway's image, built from the distribution Maven assembles (./mvnw -B install -DskipTests first):
#   docker build -f deploy/gateway.Dockerfile -t agora-gateway .
# It runs the gateway only; PostgreSQL and the OIDC provider are services of their own (compose.yaml, k8s/).
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 agora && mkdir -p /data && chown agora /data
COPY platform/gateway/target/quarkus-app /opt/agora/gateway
COPY platform/cli/target/agora/plugins /opt/agora/plugins
USER agora
EXPOSE 8080 25520 7626
ENTRYPOINT ["java", "-Dagora.plugins.dir=/opt/agora/plugins", "-jar", "/opt/agora/gateway/quarkus-run.jar"]
CMD ["--host", "0.0.0.0", "--port", "8080", "--data", "/data"]
