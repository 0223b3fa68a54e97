package org.conv4j.layers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3 prints for the same format. */
class PythonFormatTest {
    private static String f(String pattern, Object value) {
        return PythonFormat.format(pattern, Map.of("x", value));
    }

    @Test
    void integers() {
        assertEquals("1", f("{x}", 1));
        assertEquals("01", f("{x:02d}", 1));
        assertEquals("123", f("{x:02d}", 123));
        assertEquals("    7", f("{x:5}", 7));
        assertEquals("-007", f("{x:04d}", -7));
        assertEquals("3.00", f("{x:.2f}", 3));
    }

    @Test
    void fixedRoundsTheExactBinaryValueHalfToEven() {
        assertEquals("0.8765", f("{x:.4f}", 0.87654));
        assertEquals("0.12", f("{x:.2f}", 0.125));
        assertEquals("0.38", f("{x:.2f}", 0.375));
        assertEquals("2.67", f("{x:.2f}", 2.675));
        assertEquals("1.000000", f("{x:f}", 1.0));
        assertEquals("-001.500", f("{x:08.3f}", -1.5));
        assertEquals("  1.50", f("{x:6.2f}", 1.5));
        assertEquals("nan", f("{x:.2f}", Double.NaN));
        assertEquals("-inf", f("{x:.2f}", Double.NEGATIVE_INFINITY));
        assertEquals("25.0%", f("{x:.1%}", 0.25));
    }

    @Test
    void scientific() {
        assertEquals("1.23e-04", f("{x:.2e}", 0.000123456));
        assertEquals("1.234560e+05", f("{x:e}", 123456.0));
        assertEquals("0.00e+00", f("{x:.2e}", 0.0));
        assertEquals("1e+01", f("{x:.0e}", 9.9));
    }

    @Test
    void reprOfDoubles() {
        assertEquals("0.5", f("{x}", 0.5));
        assertEquals("3.0", f("{x}", 3.0));
        assertEquals("0.0001", f("{x}", 0.0001));
        assertEquals("1e-05", f("{x}", 0.00001));
        assertEquals("1.5e-07", f("{x}", 1.5e-7));
        assertEquals("1234567.0", f("{x}", 1234567.0));
        assertEquals("1e+16", f("{x}", 1e16));
        assertEquals("-0.0", f("{x}", -0.0));
        assertEquals("0.1", PythonFormat.repr(0.1));
        assertEquals("0.30000000000000004", PythonFormat.repr(0.1 + 0.2));
    }

    @Test
    void escapesAndErrors() {
        assertEquals("{1}", f("{{{x}}}", 1));
        assertThrows(IllegalArgumentException.class, () -> f("{x:d}", 0.5));
        assertThrows(IllegalArgumentException.class, () -> f("{x:>5}", 0.5));
        assertThrows(IllegalArgumentException.class, () -> f("{x", 1));
        assertThrows(IllegalArgumentException.class, () -> f("x}", 1));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> f("m-{val_acc}.keras", 1));
        assertEquals(
                "Cannot format \"m-{val_acc}.keras\": no value for {val_acc}; available: x",
                e.getMessage());
    }
}
