package dev.tuneboard.trial;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a trial was made, recorded with it when it finishes (as Oracle Tribuo records it with every model):
 * library and Java versions, machine, thread settings, whether the fast training paths were on, and which
 * worker process trained it. Shown on the trial page and written into the model card.
 */
public record Provenance(String tuneboard, String deeplearning4j, String nd4j, String arbiter, String java, String os,
                         String cpu, int cores, Map<String, String> threadEnvironment, String fastPaths, String worker) {
    public Provenance {
        threadEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(threadEnvironment));
        if (cores < 1) throw new IllegalArgumentException("cores must be >= 1");
    }

    /** The JSON shape stored with the trial and shown to users. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tuneboard", tuneboard);
        m.put("deeplearning4j", deeplearning4j);
        m.put("nd4j", nd4j);
        m.put("arbiter", arbiter);
        m.put("java", java);
        m.put("os", os);
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("thread_environment", threadEnvironment);
        m.put("fast_paths", fastPaths);
        m.put("worker", worker);
        return m;
    }
}
