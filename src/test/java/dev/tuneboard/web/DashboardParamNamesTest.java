package dev.tuneboard.web;

import dev.tuneboard.spec.ModelSpec;
import dev.tuneboard.spec.TrainingSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trials store a categorical param as its index: the dashboard's option lists must be the spec's, in its order. */
class DashboardParamNamesTest {
    private static String js(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    void dom_js_names_the_options_in_the_specs_order() throws Exception {
        String dom = Files.readString(Path.of("web/js/dom.js"));
        assertTrue(dom.contains("activation: " + js(ModelSpec.ACTIVATIONS) + ","), "web/js/dom.js PARAM_OPTIONS.activation");
        assertTrue(dom.contains("lr_schedule: " + js(TrainingSpec.LR_SCHEDULES) + ","), "web/js/dom.js PARAM_OPTIONS.lr_schedule");
    }
}
