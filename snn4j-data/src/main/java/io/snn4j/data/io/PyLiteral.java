package io.snn4j.data.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the small subset of Python literal syntax that NPY headers use: dicts, tuples, lists, strings ({@code '..'}
 * or {@code ".."}, optional {@code u}/{@code b} prefix), integers (optional Python 2 {@code L} suffix),
 * {@code True}, {@code False}, {@code None}. Nothing is evaluated; anything else is a {@link SyntaxError}.
 * Tuples come back as {@link Tuple}, lists as {@link List}, dicts as an ordered {@link Map}, integers as
 * {@link Long} (or {@link BigInteger} beyond 64 bits).
 */
final class PyLiteral {
    /** A Python tuple, kept apart from lists because NPY requires {@code shape} to be a tuple. */
    record Tuple(List<Object> items) {
    }

    /** The text is not a literal of the supported kinds; the message says where and what was expected. */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 32;
    private final String s;
    private int pos;
    private int depth;

    private PyLiteral(String s) {
        this.s = s;
    }

    /** Parses one literal surrounded by optional white space. */
    static Object parse(String text) throws SyntaxError {
        PyLiteral p = new PyLiteral(text);
        p.skipSpace();
        Object v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the end of the literal");
        }
        return v;
    }

    private Object value() throws SyntaxError {
        if (pos >= s.length()) {
            throw error("unexpected end, expected a value");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return nested(() -> dict());
            case '(':
                return nested(() -> sequence('(', ')'));
            case '[':
                return nested(() -> sequence('[', ']'));
            case '\'':
            case '"':
                return string();
            default:
                break;
        }
        if ((c == 'u' || c == 'U' || c == 'b' || c == 'B') && pos + 1 < s.length()
                && (s.charAt(pos + 1) == '\'' || s.charAt(pos + 1) == '"')) {
            pos++;
            return string();
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return integer();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String word = s.substring(start, pos);
            switch (word) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return null;
                default:
                    pos = start;
                    throw error("unexpected name '" + word + "' (only True, False and None are allowed)");
            }
        }
        throw error("unexpected character '" + c + "'");
    }

    private interface Part {
        Object parse() throws SyntaxError;
    }

    private Object nested(Part part) throws SyntaxError {
        if (++depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        Object v = part.parse();
        depth--;
        return v;
    }

    private Map<Object, Object> dict() throws SyntaxError {
        Map<Object, Object> m = new LinkedHashMap<>();
        pos++;
        skipSpace();
        while (!peek('}')) {
            int keyAt = pos;
            Object k = value();
            if (k instanceof Map || k instanceof List) {
                pos = keyAt;
                throw error("a dict key must be a string, number or tuple");
            }
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value();
            if (m.containsKey(k)) {
                pos = keyAt;
                throw error("duplicate key " + k);
            }
            m.put(k, v);
            skipSpace();
            if (!peek('}')) {
                expect(',');
                skipSpace();
            }
        }
        pos++;
        return m;
    }

    private Object sequence(char open, char close) throws SyntaxError {
        List<Object> items = new ArrayList<>();
        pos++;
        skipSpace();
        boolean sawComma = false;
        while (!peek(close)) {
            items.add(value());
            skipSpace();
            if (!peek(close)) {
                expect(',');
                sawComma = true;
                skipSpace();
            } else if (open == '(' && items.size() == 1 && !sawComma) {
                // "(x)" is just x in Python, not a tuple
                pos++;
                return items.get(0);
            }
        }
        pos++;
        List<Object> frozen = Collections.unmodifiableList(items);
        return open == '(' ? new Tuple(frozen) : frozen;
    }

    private Object integer() throws SyntaxError {
        int start = pos;
        if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
            pos++;
        }
        int digits = pos;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        if (pos == digits) {
            pos = start;
            throw error("expected a number");
        }
        if (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos = start;
            throw error("expected an integer, not a floating-point number");
        }
        BigInteger v = new BigInteger(s.substring(start, pos).replace("_", "").replace("+", ""));
        if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
            pos++; // Python 2 long suffix, as numpy tolerates in old files
        }
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private String string() throws SyntaxError {
        char quote = s.charAt(pos);
        int start = pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c == '\n') {
                pos = start;
                throw error("unterminated string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= s.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '\\', '\'', '"' -> b.append(e);
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case '0' -> b.append('\0');
                case 'x' -> b.append((char) hex(2));
                case 'u' -> b.append((char) hex(4));
                case 'U' -> b.appendCodePoint(hex(8));
                default -> {
                    b.append('\\').append(e);
                }
            }
        }
    }

    private int hex(int n) throws SyntaxError {
        if (pos + n > s.length()) {
            throw error("incomplete escape sequence");
        }
        try {
            int v = Integer.parseUnsignedInt(s.substring(pos, pos + n), 16);
            if (!Character.isValidCodePoint(v)) {
                throw error("invalid escape sequence");
            }
            pos += n;
            return v;
        } catch (NumberFormatException ex) {
            throw error("invalid escape sequence");
        }
    }

    private boolean peek(char c) throws SyntaxError {
        if (pos >= s.length()) {
            throw error("unexpected end, expected '" + c + "'");
        }
        return s.charAt(pos) == c;
    }

    private void expect(char c) throws SyntaxError {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw error(pos >= s.length() ? "unexpected end, expected '" + c + "'"
                    : "expected '" + c + "' but found '" + s.charAt(pos) + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private SyntaxError error(String what) {
        return new SyntaxError(what + " at character " + pos);
    }
}
