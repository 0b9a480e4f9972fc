package dev.tuneboard.web;

import dev.tuneboard.store.Store;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/events}: polls the store's fingerprint and tells every open page when anything changed.
 * Polling the database (not listening to this process's runner) also catches runs started from the CLI
 * into the same results folder.
 */
final class EventsController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventsController.class);

    private final Store store;
    private final Duration every;
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService poller;
    private String last = "";
    private int quietTicks;

    EventsController(Store store, Duration every) {
        this.store = store;
        this.every = every;
    }

    void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendEvent("hello", "{\"fingerprint\":\"" + current() + "\"}");
    }

    synchronized void start() {
        if (poller != null) return;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-events");
            t.setDaemon(true);
            return t;
        });
        last = current();
        poller.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            String now = current();
            if (!now.equals(last)) {
                last = now;
                quietTicks = 0;
                broadcast("change", "{\"fingerprint\":\"" + now + "\"}");
            } else if (++quietTicks >= 15) {
                // A comment now and then lets proxies and the server notice pages that went away.
                quietTicks = 0;
                for (SseClient c : clients) c.sendComment("ping");
            }
        } catch (RuntimeException e) {
            LOG.warn("event poll failed: {}", e.getMessage());
        }
    }

    private String current() {
        return store.fingerprint().replaceAll("[^0-9A-Za-z:.|+-]", "_");
    }

    private void broadcast(String event, String data) {
        for (SseClient c : clients) {
            if (c.terminated()) clients.remove(c);
            else c.sendEvent(event, data);
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) poller.shutdownNow();
        for (SseClient c : clients) c.close();
        clients.clear();
    }
}
