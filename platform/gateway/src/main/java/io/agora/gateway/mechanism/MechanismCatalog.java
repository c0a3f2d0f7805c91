package io.agora.gateway.mechanism;

import io.agora.api.InvalidInputException;
import io.agora.api.Mechanism;
import io.agora.api.Parameter;
import io.agora.api.ReportShape;
import io.agora.gateway.boot.Platform;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.Installed;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.wire.ExtensionView;
import io.agora.wire.MechanismView;
import io.agora.wire.ReportComponentView;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The installed mechanisms as the API describes them: parameters and report shape (for the default parameters). Plugins
 * are loaded once at start-up, so the views are built once, on first use, and serve {@code GET /api/mechanisms} and the
 * report schemas of the OpenAPI document alike.
 */
@ApplicationScoped
public class MechanismCatalog {
    private static final Logger LOG = Logger.getLogger(MechanismCatalog.class);

    private final Platform platform;
    private volatile List<Described> described;

    MechanismCatalog(Platform platform) {
        this.platform = platform;
    }

    /**
     * One mechanism: its view, and its report shape with the default parameters (empty when those are not a valid
     * market, such as a mechanism with a required parameter).
     */
    public record Described(MechanismView view, Optional<ReportShape> shape) {
    }

    /** Every installed mechanism, by id. */
    public List<Described> all() {
        List<Described> d = described;
        if (d == null) {
            d = describe();
            described = d;
        }
        return d;
    }

    private List<Described> describe() {
        List<Described> out = new ArrayList<>();
        for (Installed<Mechanism> m : platform.plugins().mechanisms().values()) {
            Optional<ReportShape> shape;
            try {
                shape = Optional.of(GuardedMechanism.prepare(m, Map.of()).shape());
            } catch (InvalidInputException | PluginFailureException e) {
                LOG.warnf("mechanism %s has no report shape with its default parameters: %s", m.extension().id(), e.getMessage());
                shape = Optional.empty();
            }
            List<MechanismView.ParameterView> params = m.extension().parameters().parameters().stream().map(MechanismCatalog::view).toList();
            List<ReportComponentView> report = shape.map(s -> s.components().stream().map(ReportComponentView::of).toList()).orElse(List.of());
            out.add(new Described(new MechanismView(m.extension().id(), m.pluginId(), m.extension().description(), params, report), shape));
        }
        return List.copyOf(out);
    }

    /** The installed strategy policies. */
    public List<ExtensionView> strategies() {
        return platform.plugins().strategies().values().stream().map(s -> extension(s.extension().id(), s.pluginId(),
                s.extension().description(), s.extension().parameters())).toList();
    }

    /** The installed kinds of language model. */
    public List<ExtensionView> models() {
        return platform.plugins().models().values().stream().map(m -> extension(m.extension().id(), m.pluginId(),
                m.extension().description(), m.extension().parameters())).toList();
    }

    private static ExtensionView extension(String id, String plugin, String description, io.agora.api.ParameterSchema schema) {
        return new ExtensionView(id, plugin, description, schema.parameters().stream().map(MechanismCatalog::view).toList());
    }

    private static MechanismView.ParameterView view(Parameter p) {
        return new MechanismView.ParameterView(p.name(), p.type().name().toLowerCase(java.util.Locale.ROOT), p.defaultValue(),
                p.min(), p.minExclusive() ? Boolean.TRUE : null, p.max(), p.choices().isEmpty() ? null : p.choices(), p.description());
    }
}
