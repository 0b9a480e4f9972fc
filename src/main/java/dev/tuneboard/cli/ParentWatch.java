package dev.tuneboard.cli;

import sun.misc.Signal;

import java.time.Duration;
import java.util.Optional;

/**
 * The training JVM dies with its launcher. A {@code kill -9} of the launcher cannot be passed on (no hook
 * runs), so the child watches: when its parent process is gone (Linux re-parents an orphan, so the parent
 * pid changes; comparing pids also survives pid reuse), it stops itself as a SIGTERM would — running trials
 * are recorded as stopped and re-queued — and halts if that takes longer than {@code grace}.
 */
final class ParentWatch {
    static final String ENV = "TUNEBOARD_PARENT_PID";

    private final long parentPid;
    private final Duration poll;
    private final Duration grace;

    ParentWatch(long parentPid, Duration poll, Duration grace) {
        this.parentPid = parentPid;
        this.poll = poll;
        this.grace = grace;
    }

    /**
     * The watch the launcher asked for through the environment, if any. Only a direct child watches: the variable
     * is inherited by processes the training JVM starts itself (the bench's parts), whose parent is not that pid.
     */
    static Optional<ParentWatch> fromEnvironment(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        long pid;
        try {
            pid = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != pid) return Optional.empty();
        return Optional.of(new ParentWatch(pid, Duration.ofMillis(500), Duration.ofSeconds(30)));
    }

    void start() {
        Thread t = new Thread(this::watch, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private void watch() {
        try {
            while (parentAlive()) Thread.sleep(poll.toMillis());
            System.err.println("\nthe launching process " + parentPid + " is gone: stopping");
            Signal.raise(new Signal("TERM"));
            Thread.sleep(grace.toMillis());
            System.err.println("still not stopped after " + grace.toSeconds() + " s: quitting now");
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean parentAlive() {
        return ProcessHandle.current().parent().map(p -> p.pid() == parentPid && p.isAlive()).orElse(false);
    }
}
