package io.agora.runtime.system;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.agora.api.FullInformation;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportShape;
import io.agora.wire.ReportComponentView;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Teaches Jackson the plugin API types that are not plain records, so that messages carrying them can cross
 * nodes: a {@link Policy} travels as its log-probabilities, a {@link Report} as its values grouped by kind, a
 * {@link ReportShape} as its components in their HTTP form ({@link ReportComponentView}), and a {@link FullInformation} oracle (a live
 * object of the market's node) does not travel at all: it arrives as absent.
 */
public final class ApiJacksonModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    public ApiJacksonModule() {
        super("agora-api");
        addSerializer(Policy.class, new JsonSerializer<>() {
            @Override
            public void serialize(Policy policy, JsonGenerator gen, SerializerProvider provider) throws IOException {
                double[] logs = policy.logProbabilities();
                gen.writeStartObject();
                gen.writeFieldName("logProbs");
                gen.writeArray(logs, 0, logs.length);
                gen.writeEndObject();
            }
        });
        addDeserializer(Policy.class, new JsonDeserializer<>() {
            @Override
            public Policy deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                PolicyWire wire = ctx.readValue(p, PolicyWire.class);
                return Policy.ofLogWeights(wire.logProbs());
            }
        });
        addSerializer(Report.class, new JsonSerializer<>() {
            @Override
            public void serialize(Report report, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeObject(ReportWire.of(report));
            }
        });
        addDeserializer(Report.class, new JsonDeserializer<>() {
            @Override
            public Report deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return ctx.readValue(p, ReportWire.class).report();
            }
        });
        addSerializer(ReportShape.class, new JsonSerializer<>() {
            @Override
            public void serialize(ReportShape shape, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeObject(shape.components().stream().map(ReportComponentView::of).toList());
            }
        });
        addDeserializer(ReportShape.class, new JsonDeserializer<>() {
            @Override
            public ReportShape deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                ReportComponentView[] wire = ctx.readValue(p, ReportComponentView[].class);
                return new ReportShape(Arrays.stream(wire).map(ReportComponentView::component).toList());
            }
        });
        addSerializer(FullInformation.class, new JsonSerializer<>() {
            @Override
            public void serialize(FullInformation info, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeNull();
            }
        });
    }

    /** The wire form of a policy. */
    record PolicyWire(double[] logProbs) {
    }

    /** The wire form of a report: its values grouped by kind, so that a ranking stays a ranking. */
    record ReportWire(String agent, Map<String, double[]> numbers, Map<String, Double> number, Map<String, int[]> ranking,
                      Map<String, String> text) {

        static ReportWire of(Report r) {
            Map<String, double[]> numbers = new LinkedHashMap<>();
            Map<String, Double> number = new LinkedHashMap<>();
            Map<String, int[]> ranking = new LinkedHashMap<>();
            Map<String, String> text = new LinkedHashMap<>();
            for (String name : r.components()) {
                switch (r.kindOf(name)) {
                    case "numbers" -> numbers.put(name, r.numbers(name));
                    case "number" -> number.put(name, r.number(name));
                    case "ranking" -> ranking.put(name, r.ranking(name));
                    default -> text.put(name, r.text(name));
                }
            }
            return new ReportWire(r.agent(), numbers, number, ranking, text);
        }

        Report report() {
            Report.Builder b = Report.builder(agent);
            numbers.forEach(b::numbers);
            number.forEach(b::number);
            ranking.forEach(b::ranking);
            text.forEach(b::text);
            return b.build();
        }
    }
}
