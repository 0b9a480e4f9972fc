package dev.tuneboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneboard.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** One measurement of `bench`, in the JVM `bench` started with the right thread environment; prints one JSON line. */
@Command(name = "bench-part", hidden = true)
final class BenchPartCommand implements Callable<Integer> {
    @Parameters(index = "0") String part;
    @Mixin
    PartFlags flags;

    @Override
    public Integer call() throws Exception {
        PartResult r = Parts.named(part).run(flags.options());
        System.out.println(new ObjectMapper().writeValueAsString(r));
        return ExitCodes.OK;
    }
}
