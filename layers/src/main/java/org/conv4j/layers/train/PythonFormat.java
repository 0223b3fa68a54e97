package org.conv4j.layers.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Python's {@code str.format} that Keras's {@code ModelCheckpoint} file paths use:
 * {@code {name}} and {@code {name:spec}} fields, {@code {{} and {@code }}} escapes, with a spec of
 * the form {@code [0][width][.precision][type]}, type one of {@code d} (integers only), {@code f},
 * {@code e}, {@code %}, or none. Rounding is Python's: the exact binary value, half to even.
 */
final class PythonFormat {
    private static final Pattern SPEC = Pattern.compile("(0)?(\\d+)?(?:\\.(\\d+))?([dfe%]?)");

    private PythonFormat() {}

    /**
     * Formats {@code pattern} with {@code args} (values are {@link Integer} or {@link Double}).
     *
     * @throws IllegalArgumentException for a field not in {@code args}, an unsupported spec, or a
     *     stray brace
     */
    static String format(String pattern, Map<String, ?> args) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < pattern.length() && pattern.charAt(i + 1) == c) {
                out.append(c);
                i += 2;
            } else if (c == '{') {
                int close = pattern.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("Unclosed '{' in \"" + pattern + "\"");
                }
                String field = pattern.substring(i + 1, close);
                int colon = field.indexOf(':');
                String name = colon < 0 ? field : field.substring(0, colon);
                Object value = args.get(name);
                if (value == null) {
                    throw new IllegalArgumentException(
                            "Cannot format \""
                                    + pattern
                                    + "\": no value for {"
                                    + name
                                    + "}; available: "
                                    + String.join(", ", args.keySet()));
                }
                out.append(formatValue(value, colon < 0 ? "" : field.substring(colon + 1)));
                i = close + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("Single '}' in \"" + pattern + "\"");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Python's {@code repr(float)}: the shortest round-tripping digits, "1e-05", "0.001", "nan". */
    static String repr(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return nonFinite(v);
        }
        if (v == 0) {
            return signOf(v) + "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exponent = digits.length() - 1 - d.scale();
        String body;
        if (exponent >= -4 && exponent < 16) {
            body = d.toPlainString();
            if (body.indexOf('.') < 0) {
                body += ".0";
            }
        } else {
            String mantissa =
                    digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            body = mantissa + exponentSuffix(exponent);
        }
        return signOf(v) + body;
    }

    private static String formatValue(Object value, String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("Unsupported format spec '" + spec + "'");
        }
        boolean zeroPad = m.group(1) != null;
        int width = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        Integer precision = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        String type = m.group(4);
        String sign;
        String body;
        if (type.equals("d") || (type.isEmpty() && value instanceof Integer)) {
            if (!(value instanceof Integer) || precision != null) {
                throw new IllegalArgumentException(
                        "Format spec '" + spec + "' does not apply to the value " + value);
            }
            int n = (Integer) value;
            sign = n < 0 ? "-" : "";
            body = Long.toString(Math.abs((long) n));
        } else {
            double v = ((Number) value).doubleValue();
            int p = precision == null ? 6 : precision;
            sign = signOf(v);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                sign = "";
                body = nonFinite(v);
            } else {
                body =
                        switch (type) {
                            case "f" -> fixed(Math.abs(v), p);
                            case "e" -> scientific(Math.abs(v), p);
                            case "%" -> fixed(Math.abs(v) * 100, p) + "%";
                            default -> {
                                if (precision != null) {
                                    throw new IllegalArgumentException(
                                            "Unsupported format spec '" + spec + "'");
                                }
                                yield repr(Math.abs(v));
                            }
                        };
            }
        }
        int pad = width - sign.length() - body.length();
        if (pad <= 0) {
            return sign + body;
        }
        return zeroPad ? sign + "0".repeat(pad) + body : " ".repeat(pad) + sign + body;
    }

    private static String fixed(double v, int precision) {
        return new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String scientific(double v, int precision) {
        if (v == 0) {
            return (precision == 0 ? "0" : "0." + "0".repeat(precision)) + "e+00";
        }
        MathContext digits = new MathContext(precision + 1, RoundingMode.HALF_EVEN);
        BigDecimal r = new BigDecimal(v).round(digits);
        String unscaled = r.unscaledValue().toString();
        int exponent = unscaled.length() - 1 - r.scale();
        String shown = (unscaled + "0".repeat(precision + 1)).substring(0, precision + 1);
        String mantissa = precision == 0 ? shown : shown.charAt(0) + "." + shown.substring(1);
        return mantissa + exponentSuffix(exponent);
    }

    private static String exponentSuffix(int exponent) {
        String e = Integer.toString(Math.abs(exponent));
        return (exponent < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
    }

    private static String signOf(double v) {
        return v < 0 || (v == 0 && 1 / v < 0) ? "-" : "";
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }
}
