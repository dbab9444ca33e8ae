package io.snn4j.cli;

import java.nio.file.Path;

/**
 * A mistake the user can fix (missing file, bad config value). Its message is one line, shown after
 * {@code snn4j: error: } without a stack trace.
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code <file>: <what was expected>}. */
    static UserError about(Path file, String what) {
        return new UserError(file + ": " + what);
    }

    static UserError about(Path file, String what, Throwable cause) {
        return new UserError(file + ": " + what, cause);
    }
}
