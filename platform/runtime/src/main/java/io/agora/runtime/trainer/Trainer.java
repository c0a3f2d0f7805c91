package io.agora.runtime.trainer;

import io.agora.api.Policy;
import io.agora.api.RoundResult;
import io.agora.runtime.system.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.SplittableRandom;

/**
 * Owns the policy being fine-tuned for one market: it trains on every round the market clears (through its
 * {@link TrainingRule}), counts versions, and serves samples and log-probabilities of the current policy.
 * The only writer of its policy.
 */
public final class Trainer extends AbstractBehavior<Trainer.Command> {

    /** Everything a trainer accepts. */
    public interface Command extends CborSerializable {
    }

    /** Train on a cleared round; {@code replyTo} (may be {@code null}) hears the new version. */
    public record Train(int round, RoundResult result, ActorRef<Trained> replyTo) implements Command {
    }

    /** The policy after training on {@code round} is version {@code version}. */
    public record Trained(int round, int version) implements CborSerializable {
    }

    /** Draw {@code count} outcomes from the current policy, reproducibly for {@code seed}. */
    public record Sample(int count, long seed, ActorRef<Samples> replyTo) implements Command {
    }

    /** Outcomes drawn from policy version {@code version}. */
    public record Samples(int version, int[] outcomes) implements CborSerializable {
    }

    /** The log-probabilities of some outcomes under the current policy. */
    public record LogProbabilities(int[] outcomes, ActorRef<LogProbs> replyTo) implements Command {
    }

    /** Log-probabilities under policy version {@code version}, in the order asked ({@code NaN} for an outcome out of range). */
    public record LogProbs(int version, double[] logProbs) implements CborSerializable {
    }

    /** The current policy. */
    public record GetPolicy(ActorRef<CurrentPolicy> replyTo) implements Command {
    }

    /** Policy version {@code version}; version 0 is the reference. */
    public record CurrentPolicy(int version, Policy policy) implements CborSerializable {
    }

    /** A trainer that starts from {@code reference} and trains with {@code rule}. */
    public static Behavior<Command> create(Policy reference, TrainingRule rule) {
        return Behaviors.setup(ctx -> new Trainer(ctx, reference, rule));
    }

    private final TrainingRule rule;
    private Policy policy;
    private int version;

    private Trainer(ActorContext<Command> ctx, Policy reference, TrainingRule rule) {
        super(ctx);
        this.policy = reference;
        this.rule = rule;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Train.class, this::onTrain)
                .onMessage(Sample.class, this::onSample)
                .onMessage(LogProbabilities.class, this::onLogProbabilities)
                .onMessage(GetPolicy.class, get -> {
                    get.replyTo().tell(new CurrentPolicy(version, policy));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onTrain(Train train) {
        Policy next = rule.apply(policy, train.result());
        if (next.size() != policy.size()) {
            throw new IllegalStateException("training produced a policy over " + next.size() + " outcomes, expected " + policy.size());
        }
        policy = next;
        version++;
        if (train.replyTo() != null) {
            train.replyTo().tell(new Trained(train.round(), version));
        }
        return this;
    }

    private Behavior<Command> onSample(Sample sample) {
        double[] cdf = policy.probabilities();
        for (int y = 1; y < cdf.length; y++) {
            cdf[y] += cdf[y - 1];
        }
        SplittableRandom random = new SplittableRandom(sample.seed());
        int[] out = new int[Math.max(0, sample.count())];
        for (int i = 0; i < out.length; i++) {
            double u = random.nextDouble() * cdf[cdf.length - 1];
            int lo = 0;
            int hi = cdf.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            out[i] = lo;
        }
        sample.replyTo().tell(new Samples(version, out));
        return this;
    }

    private Behavior<Command> onLogProbabilities(LogProbabilities ask) {
        double[] out = new double[ask.outcomes().length];
        for (int i = 0; i < out.length; i++) {
            int y = ask.outcomes()[i];
            out[i] = y >= 0 && y < policy.size() ? policy.logProb(y) : Double.NaN;
        }
        ask.replyTo().tell(new LogProbs(version, out));
        return this;
    }
}
