package io.agora.api;

/** Checks shared by the records of this package: finite numbers, with errors that name the field. */
final class Numbers {
    private Numbers() {
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(field, "must be a finite number, got " + value);
        }
        return value;
    }

    static double[] finiteCopy(String field, double[] values) {
        if (values == null) {
            throw new InvalidInputException(field, "is required");
        }
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Double.isFinite(copy[i])) {
                throw new InvalidInputException(field + "[" + i + "]", "must be a finite number, got " + copy[i]);
            }
        }
        return copy;
    }
}
