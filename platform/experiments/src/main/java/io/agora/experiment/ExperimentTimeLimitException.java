package io.agora.experiment;

import java.time.Duration;

/** An experiment ran past its time limit and was stopped; its message names the limit in plain words. */
public final class ExperimentTimeLimitException extends RuntimeException {
    private final Duration limit;

    public ExperimentTimeLimitException(Duration limit) {
        super("stopped: it ran longer than its time limit of " + describe(limit));
        this.limit = limit;
    }

    public Duration limit() {
        return limit;
    }

    /** "30 minutes", "2 hours", "500 milliseconds": how people write a limit, not ISO-8601. */
    static String describe(Duration d) {
        long s = d.toSeconds();
        if (d.toNanos() % 1_000_000_000L == 0 && s > 0) {
            if (s % 3600 == 0) {
                return plural(s / 3600, "hour");
            }
            return s % 60 == 0 ? plural(s / 60, "minute") : plural(s, "second");
        }
        return plural(d.toMillis(), "millisecond");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
