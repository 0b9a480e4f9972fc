package dev.tuneboard.bench;

/**
 * One request whose latency is measured: today the store queries behind the leaderboard page,
 * later the same thing through the dashboard's HTTP route. Throwing counts as a failed request.
 */
@FunctionalInterface
public interface LatencyProbe {
    void request() throws Exception;
}
