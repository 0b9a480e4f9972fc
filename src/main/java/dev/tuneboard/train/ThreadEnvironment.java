package dev.tuneboard.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment that fixes how many threads ND4J and OpenBLAS use: they read it once, when their native
 * libraries load, so a training JVM must be started with it (the launcher re-executes itself; the bench
 * starts one child JVM per variant). PASSIVE keeps idle OpenMP threads from spinning on the other trials' cores.
 */
public record ThreadEnvironment(int threads) {
    public static final ThreadEnvironment ONE_PER_TRIAL = new ThreadEnvironment(1);
    private static final String[] NAMES = {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OMP_WAIT_POLICY"};

    public ThreadEnvironment {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
    }

    public Map<String, String> variables() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(NAMES[0], String.valueOf(threads));
        env.put(NAMES[1], String.valueOf(threads));
        env.put(NAMES[2], "PASSIVE");
        return env;
    }

    /** True when {@code env} (a process environment) already has these settings. */
    public boolean isSetIn(Map<String, String> env) {
        return variables().entrySet().stream().allMatch(e -> e.getValue().equals(env.get(e.getKey())));
    }

    /** The three variables as {@code env} has them (null when unset): what a trial's provenance records. */
    public static Map<String, String> readFrom(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : NAMES) out.put(name, env.get(name));
        return out;
    }
}
