package io.agora.api;

/** The kinds of value a mechanism or strategy parameter can take. */
public enum ParameterType {
    /** A finite double. */
    NUMBER,
    /** A whole number (accepted from JSON or YAML as an integer or an integral double). */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of a fixed list of strings. */
    CHOICE,
    /** A name such as a report component's: a letter, then letters, digits, '-' or '_', at most 40 characters. */
    IDENTIFIER,
    /** Free text such as a file path, a URL or a model name: at most 2,000 characters, none of them control characters. */
    TEXT,
    /** A list of finite doubles. */
    NUMBER_LIST,
    /** A list of rows, each a list of finite doubles of the same length. */
    NUMBER_MATRIX
}
