package dev.tuneboard.cli;

import dev.tuneboard.data.DataException;
import dev.tuneboard.data.IdxFile;
import dev.tuneboard.data.IdxReader;
import dev.tuneboard.predict.DigitClassifier;
import dev.tuneboard.predict.ImageInput;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

@Command(name = "predict", description = "Classify a picture of a digit (PNG etc., any size) or an image of an IDX file.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "An exported model.zip.")
    Path model;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Parameters(index = "0", arity = "0..1", description = "Picture file.")
        Path image;

        @ArgGroup(exclusive = false)
        Idx idx;
    }

    static final class Idx {
        @Option(names = "--idx", required = true, description = "IDX images file (gz or raw).")
        Path file;

        @Option(names = "--index", required = true, description = "Index of the image in that file.")
        int index;
    }

    @Option(names = "--top", defaultValue = "3", description = "How many probabilities to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(model)) {
            System.err.println("error: " + model + ": model file not found");
            return ExitCodes.BAD_INPUT;
        }
        float[] pixels;
        String what;
        try {
            if (input.image != null) {
                pixels = ImageInput.read(input.image);
                what = input.image.toString();
            } else {
                IdxFile images = new IdxReader().read(input.idx.file, IdxFile.IMAGES);
                if (input.idx.index < 0 || input.idx.index >= images.count()) {
                    System.err.println("error: --index " + input.idx.index + " outside 0.." + (images.count() - 1));
                    return ExitCodes.BAD_INPUT;
                }
                pixels = new float[images.itemSize()];
                for (int i = 0; i < pixels.length; i++) pixels[i] = images.unsigned(input.idx.index, i) / 255f;
                what = input.idx.file + " #" + input.idx.index;
            }
        } catch (IOException | DataException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        DigitClassifier classifier;
        try {
            classifier = DigitClassifier.load(model);
        } catch (IOException | RuntimeException e) {
            System.err.println("error: " + model + ": not a DL4J model zip (" + e.getMessage() + ")");
            return ExitCodes.BAD_INPUT;
        }
        float[] p = classifier.probabilities(pixels, 1)[0];
        System.out.printf("%s: %d%n", what, DigitClassifier.argmax(p));
        IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble(i -> -p[i])).limit(Math.max(1, top))
                .forEach(i -> System.out.printf("  %d  %.4f%n", i, p[i]));
        return ExitCodes.OK;
    }
}
