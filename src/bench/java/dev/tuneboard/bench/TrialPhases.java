package dev.tuneboard.bench;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a trial's time goes (issue 10: "say in the bench report where the remaining time goes"): JFR samples the
 * trial thread's stack every {@link #PERIOD} while the measured trial runs, in Java code and in native code (BLAS)
 * alike, and each sample is put in the first phase of {@link #PHASES} whose marker is anywhere on its stack. The
 * shares are of the trial thread's sampled time; the markers are methods named for what they do in
 * {@code train}, {@code run}, {@code search} and {@code store}.
 */
final class TrialPhases {
    /** Java and native samples at the same period, so each sample weighs the same. */
    static final Duration PERIOD = Duration.ofMillis(20);
    /** Trial frames sit under 60-odd DL4J and ND4J frames; JFR keeps 64 by default. */
    static final int STACK_DEPTH = 1024;
    static final String TRIAL_THREAD = "trial-worker";

    /** Phase and its markers (a frame's "Class.method", class without package), first match wins. */
    static final List<Map.Entry<String, List<String>>> PHASES = List.of(
            Map.entry("latency", List.of("LatencyProbe.measure")),
            Map.entry("test", List.of("TrialTrainer.testReport")),
            Map.entry("serialize", List.of("TrialTrainer.serialize")),
            Map.entry("validation", List.of("TrialTrainer.evaluate")),
            Map.entry("batches", List.of("BatchGatherer.batch")),
            Map.entry("fit", List.of("MultiLayerNetwork.fit")),
            Map.entry("setup", List.of("MultiLayerNetwork.init", "FastPaths.forTraining", "EvalChunks.cut",
                    "BatchGatherer.<init>")),
            Map.entry("sampler", List.of("ExperimentRunner.ask")),
            Map.entry("store", List.of("RetryingStore.", "JdbcStore.")),
            Map.entry("trial other", List.of("TrialTrainer.train", "TrialTask.run")));

    /** The phase of one stack ({@code frames}: "Class.method", innermost first), or "other". */
    static String phaseOf(List<String> frames) {
        for (Map.Entry<String, List<String>> phase : PHASES) {
            for (String frame : frames) {
                for (String marker : phase.getValue()) {
                    if (marker.endsWith(".") ? frame.startsWith(marker) : frame.equals(marker)) return phase.getKey();
                }
            }
        }
        return "other";
    }

    /**
     * Metrics {@code phase_<name>} (share of the trial thread's samples, 0..1), {@code phase_samples} and
     * {@code phase_sampled_seconds} (samples × period: about the trial thread's time on a core, to hold against the
     * run's wall-clock seconds).
     */
    static Map<String, Double> shares(Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> phase : PHASES) {
            out.put(key(phase.getKey()), total == 0 ? 0 : counts.getOrDefault(phase.getKey(), 0) / (double) total);
        }
        out.put(key("other"), total == 0 ? 0 : counts.getOrDefault("other", 0) / (double) total);
        out.put("phase_samples", (double) total);
        out.put("phase_sampled_seconds", total * PERIOD.toNanos() / 1e9);
        return out;
    }

    static String key(String phase) {
        return "phase_" + phase.replace(' ', '_');
    }

    Sampling start() {
        Recording recording = new Recording();
        recording.enable("jdk.ExecutionSample").withPeriod(PERIOD).withStackTrace();
        recording.enable("jdk.NativeMethodSample").withPeriod(PERIOD).withStackTrace();
        recording.start();
        return new Sampling(recording);
    }

    static final class Sampling {
        private final Recording recording;

        private Sampling(Recording recording) {
            this.recording = recording;
        }

        Map<String, Double> stop() throws IOException {
            recording.stop();
            Path file = Files.createTempFile("tuneboard-phases", ".jfr");
            try {
                recording.dump(file);
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                    RecordedThread thread = e.getThread("sampledThread");
                    RecordedStackTrace stack = e.getStackTrace();
                    if (thread == null || stack == null || thread.getJavaName() == null
                            || !thread.getJavaName().startsWith(TRIAL_THREAD)) {
                        continue;
                    }
                    List<String> frames = new ArrayList<>();
                    for (RecordedFrame f : stack.getFrames()) {
                        String type = f.getMethod().getType().getName();
                        frames.add(type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName());
                    }
                    counts.merge(phaseOf(frames), 1, Integer::sum);
                }
                return shares(counts);
            } finally {
                recording.close();
                Files.deleteIfExists(file);
            }
        }
    }
}
