package dev.tuneboard.cli;

import java.util.List;

/**
 * Commands built outside the product jar and found on the class path when present (ServiceLoader): the
 * bench lives in target/tuneboard-bench.jar so measuring code never ships with the product, and depends on
 * the product, never the reverse.
 */
public interface ExtraCommands {
    /** picocli command objects (annotated with {@code @Command}), added beside the product's own. */
    List<Object> commands();
}
