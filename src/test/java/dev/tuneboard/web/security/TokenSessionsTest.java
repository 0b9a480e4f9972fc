package dev.tuneboard.web.security;

import dev.tuneboard.HandClock;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session lifetime, the per-address limit's minute and the Host parsing, on a clock the test moves. */
class TokenSessionsTest {

    @Test
    void sessionsAreRandomAndEndAfterTheirLifetimeOrOnSignOut() {
        HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenSessions s = new TokenSessions("t", new SecureRandom(), clock, Duration.ofHours(1));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) ids.add(s.open());
        assertEquals(100, ids.size());
        String id = s.open();
        assertTrue(id.matches("[0-9a-f]{64}"));
        assertTrue(s.valid(id));
        assertFalse(s.valid(id.substring(1) + "0"));
        assertFalse(s.valid(null));
        clock.now = clock.now.plus(Duration.ofMinutes(61));
        assertFalse(s.valid(id), "expired");
        String other = s.open();
        s.close(other);
        assertFalse(s.valid(other), "signed out");
    }

    @Test
    void tenWrongTokensFromOneAddressWaitTheMinuteOthersDoNot() {
        HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenSessions s = new TokenSessions("right", new SecureRandom(), clock, Duration.ofHours(1));
        for (int i = 0; i < TokenSessions.FAILURES_PER_MINUTE; i++) assertFalse(s.matches("wrong", "10.0.0.1"));
        assertThrows(TokenSessions.TooManyAttempts.class, () -> s.matches("right", "10.0.0.1"));
        assertTrue(s.matches("right", "10.0.0.2"), "another address is not locked out");
        assertFalse(s.matches(null, "10.0.0.2"));
        assertFalse(s.matches("righ", "10.0.0.2"), "a prefix is not the token");
        clock.now = clock.now.plus(Duration.ofSeconds(61));
        assertTrue(s.matches("right", "10.0.0.1"), "after the minute the address may try again");
    }

    @Test
    void theSessionTableIsBounded() {
        TokenSessions s = new TokenSessions("t", new SecureRandom(), new HandClock(Instant.parse("2026-01-01T00:00:00Z")), Duration.ofDays(7));
        String first = s.open();
        for (int i = 0; i < TokenSessions.MAX_SESSIONS; i++) s.open();
        assertFalse(s.valid(first), "the oldest sign-in made room");
    }

    @Test
    void hostHeadersAreParsedStrictly() {
        assertEquals("localhost", HostGuard.name("LocalHost:7070"));
        assertEquals("[::1]", HostGuard.name("[::1]:7070"));
        assertEquals("localhost", HostGuard.name("localhost."));
        assertNull(HostGuard.name("localhost:7070@evil.example"));
        assertNull(HostGuard.name("[::1"));
        assertNull(HostGuard.name(":7070"));
        assertEquals("evil.example", HostGuard.name("evil.example:1"));
    }
}
