package io.snn4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
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

    /**
     * A failed read of {@code file}: {@code <file>: <missing>} when it does not exist (e.g. {@code no such file
     * (expected a NIR file)}), {@code cannot read: permission denied}, or {@code cannot read: <reason>}.
     */
    static UserError cannotRead(Path file, IOException e, String missing) {
        if (e instanceof NoSuchFileException) {
            return about(file, missing);
        }
        if (e instanceof AccessDeniedException) {
            return about(file, "cannot read: permission denied");
        }
        return about(file, "cannot read: " + e.getMessage(), e);
    }
}
