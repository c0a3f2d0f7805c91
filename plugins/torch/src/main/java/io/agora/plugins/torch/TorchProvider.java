package io.agora.plugins.torch;

import ai.djl.engine.Engine;
import io.agora.api.InvalidInputException;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.Parameters;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.LanguageModelProvider;
import io.agora.api.lm.ModelContext;
import io.agora.api.lm.TrainingSettings;
import io.agora.core.train.Adam;
import org.pf4j.Extension;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code torch} language model: a small decoder-only transformer over characters on PyTorch (through DJL),
 * opened from pre-trained weights ({@code agora models pretrain} writes them) or from seeded random weights.
 */
@Extension
public final class TorchProvider implements LanguageModelProvider {
    /** The value of {@code weights} that starts from seeded random weights rather than a file. */
    public static final String NO_WEIGHTS = "none";

    @Override
    public String id() {
        return "torch";
    }

    @Override
    public String description() {
        return "a small decoder-only transformer over characters on PyTorch (DJL), pre-trained on a corpus; exact scoring, "
                + "token-by-token sampling, trainable by back-propagation";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.of(
                Parameter.text("weights", "weights.state", "the pre-trained weights (a file that 'agora models pretrain' wrote), "
                        + "relative to the model's folder; 'none' starts from seeded random weights"),
                Parameter.integer("layers", 2, 1L, 12L, "transformer blocks"),
                Parameter.integer("heads", 4, 1L, 16L, "attention heads per block (divides width)"),
                Parameter.integer("width", 64, 8L, 1024L, "features per token"),
                Parameter.integer("context", 512, 16L, 4096L, "the most tokens (characters and three markers) the model reads"),
                Parameter.integer("promptTokens", 96, 1L, 4092L, "a longer prompt keeps only its last promptTokens characters"),
                Parameter.choice("precision", "float32", List.of("float32", "float64"), "the precision the network computes in"),
                Parameter.integer("batchTokens", 2048, 64L, 1L << 20, "the most tokens in one forward pass (bounds the size of its arrays)"));
    }

    @Override
    public LanguageModel open(Parameters params, ModelContext context) {
        TorchConfig config = TorchConfig.of(params);
        Transformer net = new Transformer(config);
        String weights = params.text("weights");
        double[] theta = weights.equals(NO_WEIGHTS) ? net.initialParameters(context.seed()) : read(context, config, weights);
        // PyTorch starts only for a model that can open (its native libraries unpack on the first start).
        Engine engine = Djl.engine(context.dataDir().toAbsolutePath().getParent().resolve(".djl-cache"));
        return new TorchModel(context.name(), net, engine, (int) params.integer("batchTokens"), theta);
    }

    private static double[] read(ModelContext context, TorchConfig config, String weights) {
        Path file = context.dataDir().resolve(weights);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("params.weights", "no pre-trained weights at " + file + "; pre-train them with "
                    + "'agora models pretrain --model " + context.name() + "', or set weights to 'none' for seeded random weights");
        }
        double[] theta = new double[config.parameterCount()];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            DataInputStream data = new DataInputStream(in);
            TorchPolicy.checkHeader(data, config);
            new Adam(TrainingSettings.adam(1e-3, 0), theta.length).loadWith(theta, data);
        } catch (IOException e) {
            throw new InvalidInputException("params.weights", "cannot read " + file + ": " + e.getMessage());
        }
        return theta;
    }
}
