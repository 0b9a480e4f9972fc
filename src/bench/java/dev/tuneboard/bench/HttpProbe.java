package dev.tuneboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One GET of a dashboard route over real HTTP, body read to the end; anything but 200 is a failure. */
record HttpProbe(HttpClient client, URI uri) implements LatencyProbe {
    @Override
    public void request() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<byte[]> r = client.send(get, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IllegalStateException(uri + " answered " + r.statusCode());
    }
}
