package dev.tuneboard.data;

/**
 * Train, validation (carved from the training file; chooses models) and test (reports only).
 * {@code dataHash} identifies the files these came from.
 */
public record Splits(Split train, Split validation, Split test, String dataHash, boolean checksumsVerified) {
}
