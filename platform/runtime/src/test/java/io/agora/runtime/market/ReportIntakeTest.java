package io.agora.runtime.market;

import io.agora.api.Report;
import io.agora.runtime.market.MarketJournal.ReceivedReport;
import io.agora.runtime.market.MarketJournal.Stored;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The idempotency and batching rules of bots' reports on their way into the journal, without an actor. */
class ReportIntakeTest {
    private final ReportIntake intake = new ReportIntake();
    private final TestInbox<Market.SubmitReply> inbox = TestInbox.create();

    private Market.Submit submit(String seat, int round, String key, String body) {
        Report report = Report.ofRewards(seat, new double[] {0.5, 0.5}, 1);
        return new Market.Submit(seat, round, new ReceivedReport(seat, key, body, "{}", report), inbox.getRef());
    }

    private static List<Stored> storedAll(List<ReportIntake.Pending> batch, int round) {
        return batch.stream().map(p -> new Stored(true, round, p.submit().report().bodyHash())).toList();
    }

    @Test
    void aReportIsAcknowledgedOnceWrittenAndARetryIsThenADuplicate() {
        Market.Submit first = submit("s1", 3, "k1", "h1");
        assertThat(intake.answerRetry(first, 3)).isFalse();
        intake.queue(first);
        assertThat(intake.seatsPending()).containsExactly("s1");
        List<ReportIntake.Pending> batch = intake.nextBatch();
        assertThat(batch).hasSize(1);
        assertThat(intake.nextBatch()).as("one write at a time").isNull();
        assertThat(intake.idle()).isFalse();

        ReportIntake.Outcome outcome = intake.written(batch, storedAll(batch, 3), 3, null);

        assertThat(outcome.answers()).containsExactly(new Market.Acknowledged(3, false));
        assertThat(outcome.stored()).extracting(ReceivedReport::seat).containsExactly("s1");
        assertThat(intake.idle()).isTrue();
        assertThat(intake.answerRetry(submit("s1", 3, "k1", "h1"), 3)).isTrue();
        assertThat(inbox.receiveMessage()).isEqualTo(new Market.Acknowledged(3, true));
    }

    @Test
    void aKeyReusedForAnotherReportIsRefused() {
        Market.Submit first = submit("s1", 3, "k1", "h1");
        intake.queue(first);
        List<ReportIntake.Pending> batch = intake.nextBatch();
        intake.written(batch, storedAll(batch, 3), 3, null);

        assertThat(intake.answerRetry(submit("s1", 3, "k1", "other"), 3)).isTrue();
        Market.Refused refused = (Market.Refused) inbox.receiveMessage();
        assertThat(refused.reason()).isEqualTo(Market.Reason.CONFLICT);
        assertThat(refused.field()).isEqualTo("Idempotency-Key");
    }

    @Test
    void aRetryOfAReportInFlightWaitsForItsWrite() {
        intake.queue(submit("s1", 3, "k1", "h1"));
        List<ReportIntake.Pending> batch = intake.nextBatch();
        TestInbox<Market.SubmitReply> retrier = TestInbox.create();
        Market.Submit retry = new Market.Submit("s1", 3, batch.get(0).submit().report(), retrier.getRef());

        assertThat(intake.answerRetry(retry, 3)).isTrue();
        assertThat(retrier.hasMessages()).isFalse();
        assertThat(batch.get(0).waiters()).containsExactly(inbox.getRef(), retrier.getRef());
    }

    @Test
    void aFailedWriteStoresNothingSoTheSameKeyIsNewAgain() {
        Market.Submit first = submit("s1", 3, "k1", "h1");
        intake.queue(first);
        List<ReportIntake.Pending> batch = intake.nextBatch();

        ReportIntake.Outcome outcome = intake.written(batch, null, 3, new IllegalStateException("database away"));

        assertThat(((Market.Refused) outcome.answers().get(0)).reason()).isEqualTo(Market.Reason.STORAGE_UNAVAILABLE);
        assertThat(outcome.stored()).isEmpty();
        assertThat(intake.answerRetry(first, 3)).isFalse();
    }

    @Test
    void aRetryOfTheRoundBeforeIsStillADuplicateOfThatRound() {
        intake.queue(submit("s1", 3, "k1", "h1"));
        List<ReportIntake.Pending> batch = intake.nextBatch();
        intake.written(batch, storedAll(batch, 3), 3, null);

        intake.nextRound(3);

        assertThat(intake.answerRetry(submit("s1", 3, "k1", "h1"), 4)).isTrue();
        assertThat(inbox.receiveMessage()).isEqualTo(new Market.Acknowledged(3, true));
        assertThat(intake.answerRetry(submit("s1", 4, "k1", "h1"), 4)).as("the same key in the new round is new").isFalse();
    }

    @Test
    void aQueuedReportRefusedAtCloseIsForgotten() {
        intake.queue(submit("s1", 3, "k1", "h1"));
        intake.nextBatch();
        Market.Submit second = submit("s1", 3, "k2", "h2");
        intake.queue(second);

        intake.refuseQueued(new Market.Refused(Market.Reason.CONFLICT, "round", "closed"));

        assertThat(inbox.receiveMessage()).isInstanceOf(Market.Refused.class);
        assertThat(intake.answerRetry(second, 3)).as("a retry is answered anew, not left waiting").isFalse();
    }
}
