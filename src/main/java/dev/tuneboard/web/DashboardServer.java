package dev.tuneboard.web;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.app.Tuneboard;
import dev.tuneboard.run.ExperimentRunner;
import dev.tuneboard.store.Store;
import dev.tuneboard.web.dto.ApiError;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/**
 * The dashboard: a JSON API over the store plus the static single-page front end (classpath {@code /web}).
 * {@link #create()} builds the Javalin app without starting it, so tests drive it with JavalinTest.
 * Closing stops runs it started and the event poller.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

    /** {@code token}: when set, every POST needs {@code Authorization: Bearer <token>}. */
    public record Options(String token, Duration eventPoll) {
        public static Options defaults() {
            return new Options(null, Duration.ofSeconds(1));
        }
    }

    private final Store store;
    private final Options options;
    private final ObjectMapper json = jsonMapper();
    private final RunQueue queue;
    private final EventsController events;
    private final ExperimentController experiments;
    private final SubmitController submit;
    private final TrialController trials;
    private final SampleController samples;

    public DashboardServer(Store store, ExperimentRunner runner, Options options) {
        this.store = store;
        this.options = options;
        this.queue = new RunQueue(store, runner, Tuneboard.dataLoader());
        this.events = new EventsController(store, options.eventPoll());
        DataDirs dataDirs = new DataDirs();
        SampleImages images = new SampleImages();
        this.experiments = new ExperimentController(store, queue, Clock.systemUTC(), json);
        this.submit = new SubmitController(store, runner, queue);
        this.trials = new TrialController(store, dataDirs, images);
        this.samples = new SampleController(store, dataDirs, images);
    }

    /** Builds the app with every route; {@code start} is the caller's. */
    public Javalin create() {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = SubmitController.MAX_BYTES;
            config.jetty.multipartConfig.maxFileSize(SubmitController.MAX_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(SubmitController.MAX_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(SubmitController.MAX_BYTES, SizeUnit.BYTES);
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
        });
        routes(app);
        app.events(e -> {
            e.serverStarted(events::start);
            e.serverStopping(events::close);
        });
        return app;
    }

    private void routes(Javalin app) {
        app.before(this::securityHeaders);
        app.before("/api/*", this::requireToken);

        app.get("/api/experiments", experiments::list);
        app.post("/api/experiments", submit::submit);
        app.get("/api/experiments/{name}", experiments::one);
        app.get("/api/experiments/{name}/trials", experiments::trials);
        app.get("/api/experiments/{name}/trials.csv", experiments::trialsCsv);
        app.get("/api/experiments/{name}/trials.json", experiments::trialsJson);
        app.get("/api/experiments/{name}/best-model", experiments::bestModel);
        app.post("/api/experiments/{name}/cancel", experiments::cancel);
        app.get("/api/trials/{id}", trials::detail);
        app.get("/api/samples/{split}/{index}.png", samples::png);
        app.get("/api/openapi.json", this::openApi);
        app.sse("/api/events", events::connect);

        app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(new ApiError(e.getStatus(), e.getMessage())));
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).json(new ApiError(400, e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ApiError(500, "internal error: " + e.getClass().getSimpleName()));
        });
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.result() == null) ctx.json(new ApiError(404, "no such route"));
        });
    }

    private void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        // No inline or foreign scripts: data can never become code even if some text escaped escaping.
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    }

    private void requireToken(Context ctx) {
        if (options.token() == null || !ctx.method().name().equals("POST")) return;
        String header = ctx.header("Authorization");
        byte[] expected = ("Bearer " + options.token()).getBytes(StandardCharsets.UTF_8);
        if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedResponse("this dashboard needs 'Authorization: Bearer <token>' for changes");
        }
    }

    private void openApi(Context ctx) {
        var in = DashboardServer.class.getResourceAsStream("/openapi.json");
        if (in == null) throw new HttpResponseException(HttpStatus.NOT_FOUND.getCode(), "no OpenAPI description packaged");
        ctx.contentType("application/json").result(in);
    }

    /** Jackson with {@code < > & '} written as \\u escapes, so JSON data is inert even inside HTML. */
    static ObjectMapper jsonMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new CharacterEscapes() {
            private final int[] escapes;

            {
                int[] standard = CharacterEscapes.standardAsciiEscapesForJSON();
                standard['<'] = CharacterEscapes.ESCAPE_STANDARD;
                standard['>'] = CharacterEscapes.ESCAPE_STANDARD;
                standard['&'] = CharacterEscapes.ESCAPE_STANDARD;
                standard['\''] = CharacterEscapes.ESCAPE_STANDARD;
                escapes = standard;
            }

            @Override
            public int[] getEscapeCodesForAscii() {
                return escapes;
            }

            @Override
            public SerializableString getEscapeSequence(int ch) {
                return null;
            }
        });
        return mapper;
    }

    public Store store() {
        return store;
    }

    @Override
    public void close() {
        queue.close();
        events.close();
    }
}
