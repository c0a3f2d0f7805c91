package io.agora.plugins.catalog;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes the catalog dataset: prompts about products, each with candidate replies that differ in the attributes
 * reward models read (sentiment, length in words, whether the reply stays on topic, which brands it names,
 * whether its factual claim is correct), and a reference policy over each prompt's candidates.
 *
 * <p>Everything comes from one seed through {@link SplittableRandom} and {@link StrictMath}, so the same seed and
 * version write the same bytes on every JVM; a test regenerates the shipped file and compares. The reference
 * log-probability of a reply is a softmax over the prompt's candidates of
 * {@code 0.4·sentiment + 0.6·onTopic + 0.4·correct − 0.03·|words − 30| + 0.3·N(0,1)}: a base model that mildly
 * prefers friendly, relevant, correct replies of middling length, with noise so that no attribute decides alone.
 *
 * <p>Run: {@code java -cp plugins/catalog/target/classes io.agora.plugins.catalog.CatalogGenerator OUT [SEED]}.
 */
public final class CatalogGenerator {
    /** The version written into the file's header; bump it when the generator's output changes. */
    public static final int VERSION = 1;
    /** The seed of the shipped file. */
    public static final long SEED = 20261201L;
    static final int CANDIDATES = 8;

    private record Topic(String name, String[] brands, String[] tips, String[] trueFacts, String[] falseFacts) {
    }

    private static final Topic[] TOPICS = {
        new Topic("coffee maker", new String[] {"Brewster", "Kaffo"},
            new String[] {"Use filtered water for a cleaner taste.", "Grind the beans just before brewing."},
            new String[] {"Most coffee makers need descaling every few months.", "A finer grind extracts coffee faster."},
            new String[] {"Coffee makers never need cleaning.", "Boiling water is the best temperature for every brew."}),
        new Topic("running shoe", new String[] {"Stridex", "Paceline"},
            new String[] {"Try shoes on in the afternoon, when feet are largest.", "Replace them after a few hundred miles."},
            new String[] {"Cushioning wears down with mileage.", "A proper fit leaves a thumb's width at the toe."},
            new String[] {"Running shoes last forever if kept dry.", "Tighter shoes always prevent blisters."}),
        new Topic("laptop", new String[] {"Corebook", "Vantix"},
            new String[] {"Check the weight if you will carry it daily.", "More memory helps with many open tabs."},
            new String[] {"Solid-state drives start programs faster than spinning disks.", "Battery life drops as a battery ages."},
            new String[] {"More pixels always mean longer battery life.", "Closing the lid deletes open files."}),
        new Topic("houseplant", new String[] {"Greenleaf", "Fernway"},
            new String[] {"Let the soil dry a little between waterings.", "Turn the pot so the plant grows evenly."},
            new String[] {"Overwatering is a common cause of root rot.", "Most houseplants prefer bright, indirect light."},
            new String[] {"Houseplants grow best in total darkness.", "Every plant needs watering twice a day."}),
        new Topic("headphone", new String[] {"Sonara", "Aurix"},
            new String[] {"Closed backs keep sound in on a train.", "Keep the volume moderate to protect your hearing."},
            new String[] {"Active noise cancelling works best on steady sounds.", "Over-ear cups spread pressure over a larger area."},
            new String[] {"Louder headphones always sound better.", "Wireless headphones never need charging."}),
        new Topic("bicycle", new String[] {"Velora", "Trailmark"},
            new String[] {"Check tyre pressure before every ride.", "A saddle at hip height is a good start."},
            new String[] {"Properly inflated tyres roll more easily.", "A clean chain shifts more smoothly."},
            new String[] {"Brakes never need adjusting.", "Heavier bicycles are always faster uphill."}),
        new Topic("tea", new String[] {"Leafwell", "Chaiya"},
            new String[] {"Green tea tastes sweeter with water below boiling.", "Store loose tea away from light."},
            new String[] {"Black and green tea come from the same plant.", "Steeping longer makes tea more bitter."},
            new String[] {"Tea contains no caffeine at all.", "Tea leaves taste best when kept in the sun."}),
        new Topic("travel backpack", new String[] {"Roamly", "Packwise"},
            new String[] {"Pack heavy items close to your back.", "A clamshell opening makes packing easier."},
            new String[] {"Many airlines limit cabin bags by size and weight.", "Hip belts move weight off the shoulders."},
            new String[] {"Every airline accepts any backpack as hand luggage.", "Bigger backpacks are always lighter."}),
    };
    private static final String[] AUDIENCES = {"a student", "a busy parent", "a beginner", "a professional"};
    private static final String[] TEMPLATES = {
        "What %s would you recommend for %s?",
        "Give %s one practical tip about choosing a %s.",
        "What should %s know before buying a %s?",
        "Is a %s from %s worth it?",
    };
    private static final String[][] OPENERS = {
        {"Honestly, I would not bother.", "That is a tricky one and most options disappoint.", "Sadly, few are worth the money."},
        {"Here is a plain answer.", "It depends on your needs.", "A few points to weigh."},
        {"Great question, and you have lovely options!", "Happy to help, this is a fun choice!", "Good news: there are excellent picks."},
    };
    private static final String[] FILLERS = {
        "Compare a few models in person if you can.", "Read the warranty terms before you pay.",
        "Set a budget first and stick to it.", "Look for reviews from people with needs like yours.",
        "Think about how often you will really use it.", "Ask a friend who owns one.",
    };

    private CatalogGenerator() {
    }

    /** One prompt with its candidates. */
    record Entry(String prompt, List<String> replies, List<Map<String, Double>> attributes, double[] logProbs) {
    }

    /** The dataset for {@code seed}, in a fixed order. */
    static List<Entry> generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Entry> out = new ArrayList<>();
        for (int t = 0; t < TOPICS.length; t++) {
            Topic topic = TOPICS[t];
            for (String template : TEMPLATES) {
                String[] subjects = template.contains("from %s") ? topic.brands() : AUDIENCES;
                for (String subject : subjects) {
                    String prompt = template.startsWith("Give") || template.startsWith("What should")
                            ? String.format(Locale.ROOT, template, subject, topic.name())
                            : String.format(Locale.ROOT, template, topic.name(), subject);
                    out.add(entry(prompt, t, random.split()));
                }
            }
        }
        return out;
    }

    private static Entry entry(String prompt, int topicIndex, SplittableRandom random) {
        Topic topic = TOPICS[topicIndex];
        List<String> replies = new ArrayList<>();
        List<Map<String, Double>> attributes = new ArrayList<>();
        double[] logits = new double[CANDIDATES];
        while (replies.size() < CANDIDATES) {
            int sentiment = random.nextInt(3) - 1;
            boolean onTopic = random.nextInt(4) != 0;
            boolean correct = random.nextInt(3) != 0;
            Topic about = onTopic ? topic : TOPICS[(topicIndex + 1 + random.nextInt(TOPICS.length - 1)) % TOPICS.length];
            StringBuilder text = new StringBuilder(OPENERS[sentiment + 1][random.nextInt(3)]);
            text.append(' ').append(about.tips()[random.nextInt(2)]);
            String[] facts = correct ? about.trueFacts() : about.falseFacts();
            text.append(' ').append(facts[random.nextInt(2)]);
            Map<String, Double> attrs = new TreeMap<>();
            int brands = random.nextInt(4); // 0: none, 1: first brand, 2: second, 3: both
            if ((brands & 1) != 0) {
                text.append(' ').append(about.brands()[0]).append(" makes a solid one.");
                attrs.put("brand:" + about.brands()[0], 1.0);
            }
            if ((brands & 2) != 0) {
                text.append(' ').append(about.brands()[1]).append(" is also worth a look.");
                attrs.put("brand:" + about.brands()[1], 1.0);
            }
            int fillers = random.nextInt(4);
            for (int f = 0; f < fillers; f++) {
                text.append(' ').append(FILLERS[random.nextInt(FILLERS.length)]);
            }
            String reply = text.toString();
            if (replies.contains(reply)) {
                continue;
            }
            int words = reply.split(" ").length;
            attrs.put("sentiment", (double) sentiment);
            attrs.put("onTopic", onTopic ? 1.0 : 0.0);
            attrs.put("correct", correct ? 1.0 : 0.0);
            attrs.put("words", (double) words);
            logits[replies.size()] = 0.4 * sentiment + 0.6 * (onTopic ? 1 : 0) + 0.4 * (correct ? 1 : 0)
                    - 0.03 * StrictMath.abs(words - 30) + 0.3 * gaussian(random);
            replies.add(reply);
            attributes.add(attrs);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = StrictMath.max(max, l);
        }
        double sum = 0;
        for (double l : logits) {
            sum += StrictMath.exp(l - max);
        }
        double logZ = max + StrictMath.log(sum);
        double[] logProbs = new double[CANDIDATES];
        for (int i = 0; i < CANDIDATES; i++) {
            logProbs[i] = logits[i] - logZ;
        }
        return new Entry(prompt, replies, attributes, logProbs);
    }

    /** A standard normal draw by Box–Muller with {@link StrictMath}, the same on every JVM. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    /** The dataset as the tab-separated text {@link CatalogData#parse} reads. */
    static String render(long seed) {
        StringBuilder out = new StringBuilder();
        out.append("# agora catalog v").append(VERSION).append(" seed ").append(seed)
                .append(": prompt, reply, reference log-probability, attributes (name=value;...). Made by CatalogGenerator.\n");
        for (Entry e : generate(seed)) {
            for (int i = 0; i < e.replies().size(); i++) {
                StringBuilder attrs = new StringBuilder();
                e.attributes().get(i).forEach((k, v) -> attrs.append(attrs.length() == 0 ? "" : ";").append(k).append('=').append(v));
                out.append(e.prompt()).append('\t').append(e.replies().get(i)).append('\t')
                        .append(e.logProbs()[i]).append('\t').append(attrs).append('\n');
            }
        }
        return out.toString();
    }

    /** Writes the dataset: {@code CatalogGenerator OUT [SEED]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CatalogGenerator OUT [SEED]   (the shipped file is seed " + SEED + ")");
            System.exit(2);
        }
        long seed = args.length == 2 ? Long.parseLong(args[1]) : SEED;
        try (Writer w = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            w.write(render(seed));
        }
        System.err.println("catalog v" + VERSION + " (seed " + seed + ") written to " + args[0]);
    }
}
