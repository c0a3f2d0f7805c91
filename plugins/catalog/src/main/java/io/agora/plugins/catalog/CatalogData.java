package io.agora.plugins.catalog;

import io.agora.api.InvalidInputException;
import io.agora.api.lm.Candidate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A catalog dataset in memory: prompts in file order, each with its candidate replies, their attributes and the
 * reference policy's log-probabilities (normalized per prompt). Immutable.
 *
 * <p>The file is UTF-8 text, one reply per line: {@code prompt TAB reply TAB logProb TAB name=value;...}; lines
 * starting with {@code #} are comments. A prompt's lines are consecutive.
 */
final class CatalogData {
    /** The shipped dataset, inside the plugin jar. */
    static final String BUILT_IN = "catalog/catalog-v" + CatalogGenerator.VERSION + ".tsv";

    /** One prompt and its candidates. */
    record Prompt(int index, String text, List<Candidate> candidates, double[] logProbs, Map<String, Integer> byReply) {
    }

    private final List<Prompt> prompts;
    private final Map<String, Prompt> byText;
    private final int replies;

    private CatalogData(List<Prompt> prompts) {
        this.prompts = List.copyOf(prompts);
        Map<String, Prompt> map = new HashMap<>();
        int n = 0;
        for (Prompt p : prompts) {
            map.put(p.text(), p);
            n += p.candidates().size();
        }
        this.byText = map;
        this.replies = n;
    }

    /** The dataset shipped with the plugin. */
    static CatalogData builtIn() {
        try (InputStream in = CatalogData.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the catalog plugin jar lacks " + BUILT_IN);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUILT_IN, e);
        }
    }

    /**
     * Parses a dataset file.
     *
     * @param source how to name the file in errors
     * @throws InvalidInputException naming the file and line of the first error
     */
    static CatalogData parse(String text, String source) {
        Map<String, List<String[]>> lines = new LinkedHashMap<>();
        String last = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw bad(source, lineNo, "expected 4 tab-separated fields (prompt, reply, logProb, attributes), got " + f.length);
            }
            if (!f[0].equals(last) && lines.containsKey(f[0])) {
                throw bad(source, lineNo, "the lines of prompt '" + f[0] + "' must be consecutive");
            }
            last = f[0];
            lines.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException(source, "holds no prompts");
        }
        List<Prompt> prompts = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : lines.entrySet()) {
            prompts.add(prompt(prompts.size(), e.getKey(), e.getValue(), source));
        }
        return new CatalogData(prompts);
    }

    private static Prompt prompt(int index, String text, List<String[]> rows, String source) {
        List<Candidate> candidates = new ArrayList<>();
        double[] logProbs = new double[rows.size()];
        Map<String, Integer> byReply = new HashMap<>();
        double total = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i);
            String where = "prompt '" + text + "', reply " + (i + 1);
            if (byReply.put(f[1], i) != null) {
                throw new InvalidInputException(source, where + ": the same reply is listed twice");
            }
            try {
                logProbs[i] = Double.parseDouble(f[2]);
            } catch (NumberFormatException ex) {
                throw new InvalidInputException(source, where + ": logProb must be a number, got '" + f[2] + "'");
            }
            if (!(logProbs[i] <= 0) || Double.isInfinite(logProbs[i])) {
                throw new InvalidInputException(source, where + ": logProb must be finite and at most 0, got " + f[2]);
            }
            total += Math.exp(logProbs[i]);
            candidates.add(new Candidate(f[1], attributes(f[3], source, where)));
        }
        if (Math.abs(total - 1) > 1e-9) {
            throw new InvalidInputException(source, "prompt '" + text + "': the probabilities of its replies sum to " + total + ", not 1");
        }
        return new Prompt(index, text, List.copyOf(candidates), logProbs, Collections.unmodifiableMap(byReply));
    }

    private static Map<String, Double> attributes(String field, String source, String where) {
        Map<String, Double> out = new TreeMap<>();
        if (field.isBlank()) {
            return out;
        }
        for (String pair : field.split(";")) {
            int eq = pair.indexOf('=');
            try {
                out.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
            } catch (RuntimeException ex) {
                throw new InvalidInputException(source, where + ": attribute '" + pair + "' is not name=number");
            }
        }
        return out;
    }

    private static InvalidInputException bad(String source, int line, String rule) {
        return new InvalidInputException(source + ":" + line, rule);
    }

    List<Prompt> prompts() {
        return prompts;
    }

    /** The prompt with this text. @throws InvalidInputException naming {@code field} when there is none */
    Prompt require(String text, String field) {
        Prompt p = byText.get(text);
        if (p == null) {
            throw new InvalidInputException(field, "the catalog has no prompt '" + abbreviate(text) + "'");
        }
        return p;
    }

    /** Replies over all prompts. */
    int replies() {
        return replies;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
