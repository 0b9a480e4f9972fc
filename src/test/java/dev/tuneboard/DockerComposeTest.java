package dev.tuneboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tuneboard.cli.Main;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Docker does not run on these machines, so the compose file is checked for structure: the services,
 * the image the workers use, the port, and that every command parses as a Tuneboard command line.
 */
class DockerComposeTest {
    private final JsonNode compose;

    DockerComposeTest() throws Exception {
        compose = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("docker-compose.yml")));
    }

    private static List<String> command(JsonNode service) {
        List<String> args = new ArrayList<>();
        service.get("command").forEach(a -> args.add(a.asText().replace("${TUNEBOARD_TOKEN:-change-me}", "change-me")));
        return args;
    }

    @Test
    void compose_has_a_database_a_dashboard_and_a_scalable_worker() {
        JsonNode services = compose.get("services");
        assertEquals(List.of("db", "dashboard", "worker"), iterate(services.fieldNames()));
        assertTrue(services.get("db").get("image").asText().startsWith("postgres:"));
        assertEquals("tuneboard:latest", services.get("dashboard").get("image").asText());
        assertEquals("tuneboard:latest", services.get("worker").get("image").asText(), "workers run the built image");
        assertFalse(services.get("worker").has("ports"), "a worker publishes no port, so it scales");
        assertFalse(services.get("worker").has("container_name"), "a fixed container name would stop --scale");
        assertEquals("127.0.0.1:7070:7070", services.get("dashboard").get("ports").get(0).asText());
        assertTrue(Files.exists(Path.of(services.get("dashboard").get("build").asText(), "Dockerfile")));
    }

    @Test
    void workers_and_dashboard_get_the_database_url_of_the_db_service() {
        JsonNode db = compose.get("services").get("db").get("environment");
        String url = "jdbc:postgresql://db:5432/" + db.get("POSTGRES_DB").asText();
        for (String name : List.of("dashboard", "worker")) {
            JsonNode service = compose.get("services").get(name);
            List<String> args = command(service);
            assertEquals(url, args.get(args.indexOf("--db") + 1), name);
            assertEquals(db.get("POSTGRES_USER").asText(), service.get("environment").get("TUNEBOARD_DB_USER").asText());
            assertEquals(db.get("POSTGRES_PASSWORD").asText(), service.get("environment").get("TUNEBOARD_DB_PASSWORD").asText());
            assertEquals("service_healthy", service.get("depends_on").get("db").get("condition").asText());
        }
    }

    @Test
    void every_command_in_the_compose_file_is_a_valid_tuneboard_command_line() {
        for (String name : List.of("dashboard", "worker")) {
            List<String> args = command(compose.get("services").get(name));
            var parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
            assertTrue(parsed.hasSubcommand(), name + " names a subcommand");
            assertEquals(args.get(0), parsed.subcommand().commandSpec().name());
        }
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
