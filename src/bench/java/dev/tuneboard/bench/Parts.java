package dev.tuneboard.bench;

import java.util.List;

/** The measurements a child JVM can run, by name. */
public final class Parts {
    public static final List<String> NAMES = List.of("sgemm", "bare", "bare-fast", "trial", "phases", "search", "augmentation",
            "leaderboard");

    private Parts() {
    }

    public static Part named(String name) {
        return switch (name) {
            case "sgemm" -> new SgemmPart();
            case "bare" -> new BareFitPart(false);
            case "bare-fast" -> new BareFitPart(true);
            case "trial", "search" -> new SearchPart(name, "");
            case "phases" -> new SearchPart(name, "", new TrialPhases());
            case "augmentation" -> new SearchPart(name, SearchPart.AUGMENTATION);
            case "leaderboard" -> new LeaderboardPart();
            default -> throw new IllegalArgumentException("unknown bench part " + name + "; expected one of " + NAMES);
        };
    }
}
