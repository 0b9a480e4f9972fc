package dev.tuneboard.run;

import dev.tuneboard.data.Splits;
import dev.tuneboard.train.EpochDecision;
import dev.tuneboard.train.EpochListener;
import dev.tuneboard.train.Trainer;
import dev.tuneboard.train.TrialOutcome;
import dev.tuneboard.train.TrialPlan;
import dev.tuneboard.trial.EpochMetrics;
import dev.tuneboard.trial.TestReport;
import dev.tuneboard.trial.TrialStatus;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.List;

/**
 * NOT training: tests of the SEARCH (which points samplers propose through the store-backed claim path)
 * use this instead of training networks for dozens of trials. It reads the hyperparameters back from the
 * very network configuration and batch size the runner built from the stored point, and reports a smooth,
 * deterministic "validation accuracy" of them per epoch, through the real epoch listener (so pruners act on
 * it and the store records every epoch). Its optimum is at learning rate 1e-3, 128 first-layer units, dropout
 * 0.2; the curve rises with epochs and ranks trials the same way at every epoch.
 */
final class ParamFunctionTrainer implements Trainer {

    /** The final-epoch value for these hyperparameters. */
    static double quality(double learningRate, int units, double dropout) {
        double lr = Math.log10(learningRate) + 3;
        double width = Math.log(units / 128.0) / Math.log(2);
        return 0.98 - 0.08 * lr * lr - 0.01 * width * width - 0.2 * (dropout - 0.2) * (dropout - 0.2);
    }

    static double atEpoch(double quality, int epoch) {
        return quality - 0.3 * Math.pow(0.5, epoch);
    }

    @Override
    public TrialOutcome train(TrialPlan plan, Splits data, EpochListener listener) {
        MultiLayerConfiguration conf = plan.network();
        BaseLayer first = (BaseLayer) conf.getConf(0).getLayer();
        double lr = ((Adam) first.getIUpdater()).getLearningRate();
        int units = (int) ((FeedForwardLayer) first).getNOut();
        var drop = conf.getConf(conf.getConfs().size() - 1).getLayer().getIDropout();
        double dropout = drop == null ? 0.0 : 1.0 - ((Dropout) drop).getP();   // DL4J keeps the retain probability
        double q = quality(lr, units, dropout);

        List<EpochMetrics> epochs = new ArrayList<>();
        TrialStatus ending = TrialStatus.COMPLETED;
        String reason = null;
        double value = Double.NaN;
        for (int e = 1; e <= plan.epochs(); e++) {
            value = atEpoch(q, e);
            EpochMetrics m = new EpochMetrics(e, 1 - value, 1 - value, value, 0.001, 1000);
            epochs.add(m);
            EpochDecision decision = listener.onEpoch(m);
            if (decision.ending() != null) {
                ending = decision.ending();
                reason = decision.reason();
                break;
            }
        }
        if (ending == TrialStatus.STOPPED) return new TrialOutcome(ending, reason, epochs, value, 1 - value, null, null, 0, 0);
        return new TrialOutcome(ending, reason, epochs, value, 1 - value,
                new TestReport(value, 1 - value, new int[10][10], List.of()), null, 0.001, 1000);
    }
}
