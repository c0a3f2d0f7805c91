package io.agora.sdk.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line arguments: positionals and {@code --name value} options, with errors that name the option. */
final class Args {
    final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    Args(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (!known.contains(name)) {
                    throw new UsageException("--" + name + ": unknown option; known: --" + String.join(", --", known));
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + ": a value is required");
                    }
                    value = args[++i];
                }
                options.put(name, value);
            } else {
                positional.add(a);
            }
        }
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String required(String name) {
        String v = options.get(name);
        if (v == null) {
            throw new UsageException("--" + name + ": required");
        }
        return v;
    }

    int integer(String name, int fallback, int min) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new UsageException("--" + name + ": must be >= " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": must be a whole number, got '" + v + "'");
        }
    }

    double positive(String name, double fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double x = Double.parseDouble(v);
            if (!(x > 0) || Double.isInfinite(x)) {
                throw new UsageException("--" + name + ": must be a positive number, got " + v);
            }
            return x;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": must be a number, got '" + v + "'");
        }
    }

    /** A usage error: printed as one line, exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
