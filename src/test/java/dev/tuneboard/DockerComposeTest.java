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
 * The compose file's structure: the services, the image the workers use, the port, and that every command
 * parses as a Tuneboard command line. (.ci/compose-test.sh runs the stack itself with real containers.)
 */
class DockerComposeTest {
    private final JsonNode compose;

    DockerComposeTest() throws Exception {
        compose = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("docker-compose.yml")));
    }

    /** What compose makes of {@code ${NAME:-default}} when NAME is not set. */
    private static String withDefaults(String value) {
        return value.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
    }

    private static List<String> command(JsonNode service) {
        List<String> args = new ArrayList<>();
        service.get("command").forEach(a -> args.add(withDefaults(a.asText())));
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
        assertEquals("127.0.0.1:7070:7070", withDefaults(services.get("dashboard").get("ports").get(0).asText()));
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

    @Test
    void the_debian_override_only_swaps_images_and_the_dockerfile_defaults_to_the_registrys_jre() throws Exception {
        JsonNode override = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("docker/debian.yml")));
        JsonNode services = compose.get("services");
        override.get("services").fields().forEachRemaining(service -> {
            assertTrue(services.has(service.getKey()), service.getKey() + " is a service of docker-compose.yml");
            for (String key : iterate(service.getValue().fieldNames())) {
                if (key.equals("build")) {
                    assertEquals(List.of("args"), iterate(service.getValue().get("build").fieldNames()), service.getKey());
                    iterate(service.getValue().get("build").get("args").fieldNames())
                            .forEach(arg -> assertTrue(arg.endsWith("_IMAGE"), arg + ": only base images are swapped"));
                } else {
                    assertEquals("image", key, service.getKey() + ": the override only swaps images");
                }
            }
        });
        assertTrue(Files.readAllLines(Path.of("Dockerfile")).contains("ARG JRE_IMAGE=eclipse-temurin:17-jre"));
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
