package io.agora.gateway.experiment;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The repositories of experiments and their files. */
final class ExperimentRepositories {
    private ExperimentRepositories() {
    }

    @ApplicationScoped
    static class Experiments implements PanacheRepositoryBase<ExperimentEntity, String> {
        Uni<List<ExperimentEntity>> inOrder() {
            return list("order by createdAt");
        }

        Uni<List<ExperimentEntity>> unfinished() {
            return list("status in ('queued', 'running') order by createdAt");
        }
    }

    @ApplicationScoped
    static class Files implements PanacheRepositoryBase<ExperimentFileEntity, ExperimentFileEntity.Key> {
        Uni<List<String>> names(String experimentId) {
            return list("experimentId = ?1 order by name", experimentId).map(files -> files.stream().map(f -> f.name).toList());
        }
    }
}
