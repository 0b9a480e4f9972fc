package dev.tuneboard.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command follows picocli's conventions: --help, `help CMD`, a generated completion script. */
class CliConventionsTest {
    @Test
    void every_command_prints_its_usage_with_help_and_through_the_help_command() {
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            if (command.equals("bench-part") || command.equals("help")) continue;
            CliTest.Result flag = CliTest.cli(command, "--help");
            assertEquals(0, flag.code(), command + " --help: " + flag.err());
            assertTrue(flag.out().startsWith("Usage: tuneboard " + command), command + " --help printed: " + flag.out());
            CliTest.Result help = CliTest.cli("help", command);
            assertEquals(0, help.code(), "help " + command + ": " + help.err());
            assertEquals(flag.out(), help.out(), "help " + command);
        }
    }

    @Test
    void the_bash_completion_script_is_generated_and_knows_the_commands() {
        CliTest.Result r = CliTest.cli("generate-completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("complete -F") && r.out().contains("leaderboard") && r.out().contains("--results"), r.out());
    }
}
