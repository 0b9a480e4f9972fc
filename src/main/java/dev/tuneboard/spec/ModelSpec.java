package dev.tuneboard.spec;

import java.util.List;

/** The network: ReLU hidden layers (units per layer) and the probability of dropping a unit. */
public record ModelSpec(List<Param> hiddenUnits, Param dropout) {
    public ModelSpec {
        hiddenUnits = List.copyOf(hiddenUnits);
    }
}
