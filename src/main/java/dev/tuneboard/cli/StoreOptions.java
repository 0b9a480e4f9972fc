package dev.tuneboard.cli;

import dev.tuneboard.app.Tuneboard;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where results live: {@code --results DIR} (embedded H2 file) or {@code --db JDBC_URL}. */
final class StoreOptions {
    @Option(names = "--results", description = "Folder for the embedded H2 database (default: ${DEFAULT-VALUE}).",
            defaultValue = "results")
    Path results;

    @Option(names = "--db", description = "JDBC URL of a shared database instead of the embedded file, "
            + "e.g. jdbc:h2:tcp://host:9092/tuneboard or jdbc:postgresql://host/tuneboard.")
    String db;

    Tuneboard open() {
        return new Tuneboard(results, db);
    }
}
