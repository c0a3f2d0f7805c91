package io.agora.gateway.mechanism;

import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.wire.ReportJson;
import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds one schema per installed mechanism to the OpenAPI document, {@code Report-<mechanism>}, built from the report
 * shape it declares, and makes the report body of {@code POST /api/markets/{id}/rounds/{round}/reports} one of them.
 * Runs when the gateway starts, after the plugins are loaded (the mechanisms are not known at build time).
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ReportSchemas implements OASFilter {
    static final String REPORTS_PATH = "/api/markets/{id}/rounds/{round}/reports";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        List<Schema> oneOf = new ArrayList<>();
        for (MechanismCatalog.Described d : Arc.container().instance(MechanismCatalog.class).get().all()) {
            if (d.shape().isEmpty()) {
                continue;
            }
            String name = "Report-" + d.view().id();
            openAPI.getComponents().addSchema(name, schema(d.view().id(), d.shape().get()));
            oneOf.add(OASFactory.createSchema().ref(name));
        }
        PathItem reports = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(REPORTS_PATH);
        Operation post = reports == null ? null : reports.getPOST();
        if (post == null || post.getRequestBody() == null || post.getRequestBody().getContent() == null || oneOf.isEmpty()) {
            return;
        }
        MediaType json = post.getRequestBody().getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        if (json != null) {
            json.setSchema(OASFactory.createSchema().oneOf(oneOf)
                    .description("The report of the market's mechanism (its reportShape): one of the schemas below"));
        }
    }

    /** The JSON schema of one mechanism's report. */
    static Schema schema(String mechanism, ReportShape shape) {
        Schema s = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).additionalPropertiesBoolean(false)
                .description("A report in a market of mechanism " + mechanism);
        List<String> required = new ArrayList<>();
        for (ReportComponent c : shape.components()) {
            s.addProperty(c.name(), property(c).description(ReportJson.describe(c)));
            if (c.required()) {
                required.add(c.name());
            }
        }
        return s.required(required);
    }

    private static Schema property(ReportComponent c) {
        if (c instanceof ReportComponent.Rewards r) {
            Schema item = OASFactory.createSchema().addType(Schema.SchemaType.NUMBER);
            if (r.nonNegative()) {
                item.minimum(java.math.BigDecimal.ZERO);
            }
            return OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(item).minItems(1);
        }
        if (c instanceof ReportComponent.Scalar n) {
            return OASFactory.createSchema().addType(n.integer() ? Schema.SchemaType.INTEGER : Schema.SchemaType.NUMBER)
                    .minimum(java.math.BigDecimal.valueOf(n.min())).maximum(java.math.BigDecimal.valueOf(n.max()));
        }
        if (c instanceof ReportComponent.Ranking k) {
            return OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).minItems(k.minLength()).uniqueItems(true)
                    .items(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO));
        }
        ReportComponent.Text t = (ReportComponent.Text) c;
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING).minLength(1).maxLength(t.maxLength());
        return t.identifier() ? text.pattern("^[A-Za-z0-9._:-]+$") : text;
    }
}
