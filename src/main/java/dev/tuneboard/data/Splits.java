package dev.tuneboard.data;

/**
 * Train, validation (carved from the training file; chooses models) and test (reports only).
 * {@code dataHash} identifies the files these came from.
 */
public record Splits(Split train, Split validation, Split test, String dataHash, boolean checksumsVerified) {
    /**
     * For the final model once a configuration is chosen: training on train + validation together. The
     * validation split stays for the trainer's per-epoch pass, but is no longer held out (its numbers mean nothing).
     */
    public Splits withValidationInTraining() {
        return new Splits(train.plus(validation, "train+validation"), validation, test, dataHash, checksumsVerified);
    }
}
