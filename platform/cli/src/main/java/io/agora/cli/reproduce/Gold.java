package io.agora.cli.reproduce;

import io.agora.api.lm.Candidate;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.PromptReply;

import java.util.List;

/**
 * The reproductions' gold preference over the catalog's replies: a utility over its attributes,
 * {@code u(y) = sentiment + 2·onTopic + correct}, and the win rate of a policy against the reference under it.
 */
final class Gold {
    private Gold() {
    }

    /** The gold utility of a reply. */
    static double utility(Candidate c) {
        return c.attribute("sentiment") + 2 * c.attribute("onTopic") + c.attribute("correct");
    }

    /** The gold utilities of a prompt's candidates, in order. */
    static double[] utilities(List<Candidate> candidates) {
        return candidates.stream().mapToDouble(Gold::utility).toArray();
    }

    /** P(gold prefers the policy's reply to the reference's), exact over each prompt's candidates, averaged. */
    static double winRate(LanguageModel reference, LanguageModel policy, List<String> prompts) {
        double total = 0;
        for (String prompt : prompts) {
            List<Candidate> candidates = reference.candidates(prompt);
            List<PromptReply> items = candidates.stream().map(c -> new PromptReply(prompt, c.text())).toList();
            double[] pi = policy.score(items);
            double[] ref = reference.score(items);
            for (int i = 0; i < candidates.size(); i++) {
                for (int j = 0; j < candidates.size(); j++) {
                    double d = utility(candidates.get(i)) - utility(candidates.get(j));
                    double win = d > 0 ? 1 : d < 0 ? 0 : 0.5;
                    total += Math.exp(pi[i] + ref[j]) * win;
                }
            }
        }
        return total / prompts.size();
    }
}
