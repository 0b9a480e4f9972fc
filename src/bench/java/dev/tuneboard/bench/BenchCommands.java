package dev.tuneboard.bench;

import dev.tuneboard.cli.ExtraCommands;

import java.util.List;

/** `bench` and its hidden `bench-part`, found by the product's command line in target/tuneboard-bench.jar. */
public final class BenchCommands implements ExtraCommands {
    @Override
    public List<Object> commands() {
        return List.of(new BenchCommand(), new BenchPartCommand());
    }
}
