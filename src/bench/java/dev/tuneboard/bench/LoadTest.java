package dev.tuneboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code clients} threads each sending GETs back to back for {@code duration}, cycling through
 * {@code uris} (as many open dashboard tabs polling would); every latency is kept.
 */
record LoadTest(HttpClient client, List<URI> uris, int clients, Duration duration) {
    LoadTest {
        uris = List.copyOf(uris);
    }

    private record ClientResult(double[] millis, int count, int failures) {
    }

    Latency run() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + duration.toNanos();
        try {
            List<Future<ClientResult>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                futures.add(pool.submit(() -> loop(first, end)));
            }
            double[] all = new double[0];
            int failures = 0;
            for (Future<ClientResult> f : futures) {
                ClientResult r = f.get();
                failures += r.failures();
                int at = all.length;
                all = Arrays.copyOf(all, at + r.count());
                System.arraycopy(r.millis(), 0, all, at, r.count());
            }
            return Latency.of(all, all.length, failures);
        } finally {
            pool.shutdownNow();
        }
    }

    private ClientResult loop(int first, long end) {
        double[] millis = new double[1024];
        int count = 0;
        int failures = 0;
        for (int i = first; System.nanoTime() < end; i++) {
            HttpProbe probe = new HttpProbe(client, uris.get(i % uris.size()));
            long t0 = System.nanoTime();
            try {
                probe.request();
            } catch (Exception e) {
                failures++;
            }
            if (count == millis.length) millis = Arrays.copyOf(millis, count * 2);
            millis[count++] = (System.nanoTime() - t0) / 1e6;
        }
        return new ClientResult(millis, count, failures);
    }
}
