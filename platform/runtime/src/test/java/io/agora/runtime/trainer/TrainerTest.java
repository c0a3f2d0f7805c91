package io.agora.runtime.trainer;

import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.RoundResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainerTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Policy TRAINED = Policy.ofProbabilities(new double[] {0.1, 0.2, 0.7});

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static ActorRef<Trainer.Command> trained() {
        ActorRef<Trainer.Command> trainer = KIT.spawn(Trainer.create(Policy.uniform(3), TrainingRule.ADOPT_OUTCOME));
        TestProbe<Trainer.Trained> done = KIT.createTestProbe();
        trainer.tell(new Trainer.Train(0, new RoundResult(TRAINED, List.of(new Payment("a", 0))), done.getRef()));
        done.expectMessage(new Trainer.Trained(0, 1));
        return trainer;
    }

    @Test
    void startsFromTheReferenceAsVersionZero() {
        ActorRef<Trainer.Command> trainer = KIT.spawn(Trainer.create(Policy.uniform(3), TrainingRule.ADOPT_OUTCOME));
        TestProbe<Trainer.CurrentPolicy> probe = KIT.createTestProbe();

        trainer.tell(new Trainer.GetPolicy(probe.getRef()));

        assertThat(probe.receiveMessage()).isEqualTo(new Trainer.CurrentPolicy(0, Policy.uniform(3)));
    }

    @Test
    void adoptsTheOutcomeOfAClearedRound() {
        TestProbe<Trainer.CurrentPolicy> probe = KIT.createTestProbe();

        trained().tell(new Trainer.GetPolicy(probe.getRef()));

        assertThat(probe.receiveMessage()).isEqualTo(new Trainer.CurrentPolicy(1, TRAINED));
    }

    @Test
    void samplesFollowThePolicyAndTheSeed() {
        ActorRef<Trainer.Command> trainer = trained();
        TestProbe<Trainer.Samples> probe = KIT.createTestProbe();

        trainer.tell(new Trainer.Sample(40_000, 7, probe.getRef()));
        int[] first = probe.receiveMessage().outcomes();
        trainer.tell(new Trainer.Sample(40_000, 7, probe.getRef()));
        int[] second = probe.receiveMessage().outcomes();

        assertThat(second).isEqualTo(first);
        double[] freq = new double[3];
        for (int y : first) {
            freq[y] += 1.0 / first.length;
        }
        assertThat(freq).containsExactly(new double[] {0.1, 0.2, 0.7}, within(0.01));
    }

    @Test
    void servesLogProbabilitiesOfTheCurrentPolicy() {
        TestProbe<Trainer.LogProbs> probe = KIT.createTestProbe();

        trained().tell(new Trainer.LogProbabilities(new int[] {2, 0, 5}, probe.getRef()));

        Trainer.LogProbs logs = probe.receiveMessage();
        assertThat(logs.version()).isEqualTo(1);
        assertThat(logs.logProbs()[0]).isCloseTo(Math.log(0.7), within(1e-12));
        assertThat(logs.logProbs()[1]).isCloseTo(Math.log(0.1), within(1e-12));
        assertThat(logs.logProbs()[2]).isNaN();
    }
}
