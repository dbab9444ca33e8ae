package io.snn4j.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyLiteralTest {

    static PyLiteral.Tuple tuple(Object... items) {
        return new PyLiteral.Tuple(Arrays.asList(items));
    }

    @Test
    void numpyHeaderWithPadding() throws Exception {
        Object v = PyLiteral.parse("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }          \n");
        Map<Object, Object> want = new LinkedHashMap<>();
        want.put("descr", "<f4");
        want.put("fortran_order", false);
        want.put("shape", tuple(3L, 4L));
        assertEquals(want, v);
    }

    @Test
    void tuplesFollowPythonRules() throws Exception {
        assertEquals(tuple(), PyLiteral.parse("()"));
        assertEquals(tuple(5L), PyLiteral.parse("(5,)"));
        assertEquals(5L, PyLiteral.parse("(5)")); // parentheses alone make no tuple
        assertEquals(tuple(1L, 2L), PyLiteral.parse("( 1 ,2 , )"));
        assertEquals(List.of(tuple("x", "<i2"), tuple(tuple("title", "y"), "|b1")),
                PyLiteral.parse("[('x', '<i2'), (('title', 'y'), '|b1')]"));
    }

    @Test
    void stringsNumbersAndConstants() throws Exception {
        assertEquals("a'b\"c\\\u00e9\u03c0", PyLiteral.parse("'a\\'b\"c\\\\\\xe9\\u03c0'"));
        assertEquals("x", PyLiteral.parse("u\"x\""));
        assertEquals(-12L, PyLiteral.parse("-12"));
        assertEquals(7L, PyLiteral.parse("7L"));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                PyLiteral.parse("123456789012345678901234567890"));
        assertEquals(Arrays.asList(true, false, null), PyLiteral.parse("[True, False, None]"));
    }

    @Test
    void anythingElseIsASyntaxError() {
        for (String bad : List.of("", "{'a': 1", "{'a' 1}", "{'a': 1, 'a': 2}", "(1, 2", "'open", "1.5", "x",
                "__import__('os')", "{[1]: 2}", "[1] [2]", "{'a': 1}}", "(".repeat(40) + ")".repeat(40))) {
            assertThrows(PyLiteral.SyntaxError.class, () -> PyLiteral.parse(bad), bad);
        }
        PyLiteral.SyntaxError e = assertThrows(PyLiteral.SyntaxError.class, () -> PyLiteral.parse("{'a': 1.5}"));
        assertEquals("expected an integer, not a floating-point number at character 6", e.getMessage());
    }
}
