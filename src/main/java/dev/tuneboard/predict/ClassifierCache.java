package dev.tuneboard.predict;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few loaded models by trial id (least recently used goes first), so a page that asks for a
 * prediction on every stroke does not unzip and rebuild the network each time. A trial's stored model
 * never changes once written (a rerun is a new attempt with its own id), so entries never go stale.
 */
public final class ClassifierCache {
    /** The stored model's bytes, read only when the model is not cached. */
    public interface Source {
        byte[] modelBytes() throws IOException;
    }

    private final int capacity;
    private final Map<Long, DigitClassifier> loaded;

    public ClassifierCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
        this.capacity = capacity;
        this.loaded = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, DigitClassifier> eldest) {
                return size() > ClassifierCache.this.capacity;
            }
        };
    }

    /** Loads under the lock: two strokes arriving together load the model once. */
    public synchronized DigitClassifier get(long trialId, Source source) throws IOException {
        DigitClassifier c = loaded.get(trialId);
        if (c == null) {
            c = DigitClassifier.of(source.modelBytes());
            loaded.put(trialId, c);
        }
        return c;
    }

    public synchronized int size() {
        return loaded.size();
    }
}
