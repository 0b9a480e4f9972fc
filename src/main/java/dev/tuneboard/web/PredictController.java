package dev.tuneboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.export.ModelExporter;
import dev.tuneboard.predict.ClassifierCache;
import dev.tuneboard.predict.DigitClassifier;
import dev.tuneboard.predict.ImageInput;
import dev.tuneboard.store.ExperimentRecord;
import dev.tuneboard.store.Store;
import dev.tuneboard.trial.TrialRecord;
import dev.tuneboard.web.dto.Prediction;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Classifies one picture with a stored model: the experiment's chosen trial, or one trial. The body is a
 * picture (image/png etc.: scaled to 28×28 grey and inverted when dark on light, as `tuneboard predict`
 * does) or JSON {"pixels": [784 numbers in 0..1]}, taken as they are (white digit on black, row by row,
 * as an IDX image is).
 */
final class PredictController {
    static final int MAX_BYTES = 1024 * 1024;

    private final Store store;
    private final ModelExporter models;
    private final ClassifierCache cache;
    private final ObjectMapper json;

    PredictController(Store store, ModelExporter models, ClassifierCache cache, ObjectMapper json) {
        this.store = store;
        this.models = models;
        this.cache = cache;
        this.json = json;
    }

    /** {@code POST /api/models/{name}/predict}: the model export and download hand out. */
    void experiment(Context ctx) {
        String name = PathParams.experimentName(ctx);
        ExperimentRecord e = store.find(name).orElseThrow(() -> new NotFoundResponse("no experiment named '" + name + "'"));
        float[] pixels = pixels(ctx);
        TrialRecord t = models.chosen(e)
                .orElseThrow(() -> new ConflictResponse("experiment '" + name + "' has no completed trial with a model yet"));
        respond(ctx, e, t, pixels);
    }

    /** {@code POST /api/experiments/{name}/trials/{number}/predict}: the latest attempt of that number. */
    void byNumber(Context ctx) {
        String name = PathParams.experimentName(ctx);
        long number = PathParams.positiveLong(ctx, "number");
        ExperimentRecord e = store.find(name).orElseThrow(() -> new NotFoundResponse("no experiment named '" + name + "'"));
        TrialRecord t = (number > Integer.MAX_VALUE ? Optional.<TrialRecord>empty() : store.byNumber(e.id(), (int) number))
                .orElseThrow(() -> new NotFoundResponse("experiment '" + name + "' has no trial " + number));
        respond(ctx, e, t, pixels(ctx));
    }

    /** {@code POST /api/trials/{id}/predict}. */
    void trial(Context ctx) {
        long id = PathParams.positiveLong(ctx, "id");
        TrialRecord t = store.trial(id).orElseThrow(() -> new NotFoundResponse("no trial with id " + id));
        ExperimentRecord e = store.findById(t.experimentId()).orElseThrow(() -> new NotFoundResponse("no experiment"));
        respond(ctx, e, t, pixels(ctx));
    }

    private void respond(Context ctx, ExperimentRecord e, TrialRecord t, float[] pixels) {
        DigitClassifier classifier;
        try {
            classifier = cache.get(t.id(), () -> store.model(t.id()).orElseThrow(() -> new ConflictResponse(
                    "trial " + t.number() + " of '" + e.name() + "' has no stored model (status " + t.status().name().toLowerCase(Locale.ROOT) + ")")));
        } catch (HttpResponseException refused) {
            throw refused;
        } catch (IOException | RuntimeException unreadable) {
            throw new ConflictResponse("the stored model of trial " + t.number() + " of '" + e.name() + "' does not load ("
                    + unreadable.getClass().getSimpleName() + ")");
        }
        float[] p = classifier.probabilities(pixels, 1)[0];
        ctx.header("Cache-Control", "no-store");
        ctx.json(new Prediction(DigitClassifier.argmax(p), p, t.number(), t.attempt(), t.id(), e.name()));
    }

    private float[] pixels(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT).strip();
        byte[] body = body(ctx);
        if (body.length == 0) throw new BadRequestResponse("empty body: send a picture (Content-Type image/png) or JSON {\"pixels\": [784 numbers in 0..1]}");
        if (type.startsWith("image/")) {
            try {
                return ImageInput.decode(body, "the body (" + body.length + " bytes of " + type + ")");
            } catch (IOException | RuntimeException bad) {
                throw new BadRequestResponse(bad.getMessage() == null ? "the body is not a readable image" : bad.getMessage());
            }
        }
        if (type.startsWith("application/json")) return jsonPixels(body);
        throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                "Content-Type must be image/png (or another image type) or application/json, not '" + type + "'");
    }

    private float[] jsonPixels(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException bad) {
            throw new BadRequestResponse("the body is not JSON: " + bad.getOriginalMessage());
        } catch (IOException bad) {
            throw new UncheckedIOException(bad);
        }
        JsonNode array = root == null ? null : root.get("pixels");
        if (array == null || !array.isArray()) throw new BadRequestResponse("expected JSON {\"pixels\": [784 numbers in 0..1]}: no 'pixels' array");
        if (array.size() != 784) throw new BadRequestResponse("'pixels' must hold 784 numbers (28×28, row by row), not " + array.size());
        float[] pixels = new float[784];
        for (int i = 0; i < 784; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber() || !(v.doubleValue() >= 0.0 && v.doubleValue() <= 1.0)) {
                throw new BadRequestResponse("pixels[" + i + "] is " + v + "; each pixel must be a number in [0, 1]");
            }
            pixels[i] = v.floatValue();
        }
        return pixels;
    }

    /** At most MAX_BYTES, whether or not the client said how long the body is. */
    private static byte[] body(Context ctx) {
        if (ctx.contentLength() > MAX_BYTES) throw tooLarge();
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) throw tooLarge();
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ContentTooLargeResponse tooLarge() {
        return new ContentTooLargeResponse("a picture to classify may be at most " + MAX_BYTES / 1024 + " KiB");
    }
}
