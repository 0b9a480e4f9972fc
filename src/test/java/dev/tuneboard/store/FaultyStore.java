package dev.tuneboard.store;


import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Test wrapper around a real store that throws transient faults at chosen calls: BEFORE the call
 * reaches the database (nothing happened) or AFTER it returned (it committed, the reply was lost).
 */
public final class FaultyStore extends ForwardingStore {
    public enum Fault { NONE, BEFORE, AFTER }

    /** Decides, per store call (by method name), whether and where it fails. */
    @FunctionalInterface
    public interface Plan {
        Fault next(String method);
    }

    /** Fails each call with probability {@code rate}, half before and half after, from a seeded sequence. */
    public static final class Seeded implements Plan {
        private final java.util.Random random;
        private final double rate;

        public Seeded(long seed, double rate) {
            this.random = new java.util.Random(seed);
            this.rate = rate;
        }

        @Override
        public synchronized Fault next(String method) {
            double r = random.nextDouble();
            if (r >= rate) return Fault.NONE;
            return r < rate / 2 ? Fault.BEFORE : Fault.AFTER;
        }
    }

    private final Plan plan;
    private final AtomicInteger before = new AtomicInteger();
    private final AtomicInteger after = new AtomicInteger();
    private final Map<String, AtomicInteger> byMethod = new java.util.concurrent.ConcurrentHashMap<>();

    public FaultyStore(Store delegate, Plan plan) {
        super(delegate);
        this.plan = plan;
    }

    public int faultsBefore() {
        return before.get();
    }

    public int faultsAfter() {
        return after.get();
    }

    /** Injected faults per method, "claim/after" style keys. */
    public Map<String, AtomicInteger> byMethod() {
        return byMethod;
    }

    @Override
    protected <T> T around(String method, Supplier<T> op) {
        Fault fault = plan.next(method);
        if (fault == Fault.BEFORE) {
            before.incrementAndGet();
            byMethod.computeIfAbsent(method + "/before", k -> new AtomicInteger()).incrementAndGet();
            throw new StoreException("injected transient fault before " + method, null, true);
        }
        T result = op.get();
        if (fault == Fault.AFTER) {
            after.incrementAndGet();
            byMethod.computeIfAbsent(method + "/after", k -> new AtomicInteger()).incrementAndGet();
            throw new StoreException("injected transient fault after " + method + " (committed, reply lost)", null, true);
        }
        return result;
    }

}
