package dev.tuneboard.web;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.predict.ClassifierCache;
import dev.tuneboard.run.Experiments;
import dev.tuneboard.store.Store;
import dev.tuneboard.web.dto.ApiError;
import dev.tuneboard.web.security.AccessGuard;
import dev.tuneboard.web.security.HostGuard;
import dev.tuneboard.web.security.OriginGuard;
import dev.tuneboard.web.security.TokenSessions;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard: a JSON API over the store plus the static single-page front end (classpath {@code /web}).
 * {@link #create()} builds the Javalin app without starting it, so tests drive it with JavalinTest.
 * Closing stops runs it started and the event poller.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final Duration SESSION_LIFETIME = Duration.ofDays(7);

    /**
     * {@code token}: when set, every page and API route needs it (bearer header or a signed-in session).
     * {@code allowedHosts}: names the {@code Host} header may carry besides the loopback names.
     */
    public record Options(String token, Duration eventPoll, List<String> allowedHosts) {
        public Options {
            if (token != null && token.isBlank()) throw new IllegalArgumentException("token must not be blank");
            allowedHosts = List.copyOf(allowedHosts);
        }

        /** Loopback names only. */
        public Options(String token, Duration eventPoll) {
            this(token, eventPoll, List.of());
        }

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
    private final Retrainer retrainer;
    private final RetrainController retrain;
    private final PredictController predict;
    private final TradeoffController tradeoffs;
    private final AnytimeController anytime;
    private final HostGuard hosts;
    private final OriginGuard origins = new OriginGuard();
    private final AccessGuard access;

    public DashboardServer(Experiments service, Options options) {
        this.store = service.store();
        this.options = options;
        this.queue = new RunQueue(service);
        this.events = new EventsController(store, options.eventPoll());
        DataDirs dataDirs = new DataDirs(service);
        SampleImages images = new SampleImages();
        ModelExporter exporter = new ModelExporter(store, service.specs());
        this.experiments = new ExperimentController(service, exporter, queue, Clock.systemUTC(), json);
        this.submit = new SubmitController(service, queue);
        this.trials = new TrialController(store, dataDirs, images);
        this.samples = new SampleController(store, dataDirs, images);
        this.retrainer = new Retrainer(service);
        this.retrain = new RetrainController(service, retrainer, exporter);
        // A few models: the chosen one plus the trials of a compare page (at most 4).
        this.predict = new PredictController(store, exporter, new ClassifierCache(6), json);
        this.tradeoffs = new TradeoffController(store, exporter);
        this.anytime = new AnytimeController(store);
        this.hosts = new HostGuard(options.allowedHosts());
        this.access = new AccessGuard(Optional.ofNullable(options.token())
                .map(t -> new TokenSessions(t, new SecureRandom(), Clock.systemUTC(), SESSION_LIFETIME)));
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
        // Order matters: a foreign Host learns nothing else; a cross-site change never reaches the token check.
        app.before(this::securityHeaders);
        app.before(hosts::check);
        app.before(origins::check);
        app.before(access::check);

        app.get("/api/session", access::status);
        app.post("/api/session", access::signIn);
        app.delete("/api/session", access::signOut);

        app.get("/api/experiments", experiments::list);
        app.post("/api/experiments", submit::submit);
        app.get("/api/experiments/{name}", experiments::one);
        app.get("/api/experiments/{name}/trials", experiments::trials);
        app.get("/api/experiments/{name}/trials.csv", experiments::trialsCsv);
        app.get("/api/experiments/{name}/trials.json", experiments::trialsJson);
        app.get("/api/experiments/{name}/best-model", experiments::bestModel);
        app.post("/api/experiments/{name}/cancel", experiments::cancel);
        app.post("/api/experiments/{name}/retrain", retrain::start);
        app.get("/api/experiments/{name}/retrained", retrain::status);
        app.get("/api/experiments/{name}/retrained-model", retrain::download);
        app.get("/api/experiments/{name}/pareto", tradeoffs::pareto);
        app.get("/api/experiments/{name}/hardest", tradeoffs::hardest);
        app.get("/api/anytime", anytime::anytime);
        app.get("/api/experiments/{name}/trials/{number}", trials::byNumber);
        app.get("/api/trials/{id}", trials::detail);
        app.post("/api/models/{name}/predict", predict::experiment);
        app.post("/api/experiments/{name}/trials/{number}/predict", predict::byNumber);
        app.post("/api/trials/{id}/predict", predict::trial);
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
        retrainer.close();
        events.close();
    }
}
