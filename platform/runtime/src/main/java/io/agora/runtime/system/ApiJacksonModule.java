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

import java.io.IOException;

/**
 * Teaches Jackson the plugin API types that are not plain records, so that messages carrying them can cross
 * nodes: a {@link Policy} travels as its log-probabilities, and a {@link FullInformation} oracle (a live
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
}
