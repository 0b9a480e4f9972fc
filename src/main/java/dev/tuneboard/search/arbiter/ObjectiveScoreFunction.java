package dev.tuneboard.search.arbiter;

import dev.tuneboard.trial.Objective;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Only tells Arbiter's genetic generator which way is better. Scoring itself happens in our
 * trainer on the validation split, so Arbiter never gets to score on the test set.
 */
final class ObjectiveScoreFunction implements ScoreFunction {
    private final Objective objective;

    ObjectiveScoreFunction(Objective objective) {
        this.objective = objective;
    }

    @Override
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        throw new UnsupportedOperationException("trials are scored by the Tuneboard trainer");
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        throw new UnsupportedOperationException("trials are scored by the Tuneboard trainer");
    }

    @Override
    public boolean minimize() {
        return !objective.maximize();
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(Object.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of(Object.class);
    }
}
