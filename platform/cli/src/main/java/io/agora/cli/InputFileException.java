package io.agora.cli;

/** A file named on the command line cannot be read. */
final class InputFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputFileException(String message) {
        super(message);
    }
}
