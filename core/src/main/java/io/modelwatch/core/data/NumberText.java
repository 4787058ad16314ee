package io.modelwatch.core.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Text for numbers shown in labels (bin intervals, segment bands), written the way Python writes them so that
 * labels match the golden files and pandas output: the shortest decimal that reads back as the same double
 * ({@code repr(float)}), e.g. {@code 0.30000000000000004}, {@code 7.0}, {@code 1e-05}.
 *
 * <p>JDK 17's {@link Double#toString(double)} is not always the shortest form, hence the explicit search.
 */
public final class NumberText {

    private NumberText() {
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, fixed notation for 1e-4 ≤ |v| &lt; 1e16. */
    public static String pythonRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0.0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(v);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                shortest = r;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int decimalPoint = digits.length() - shortest.scale(); // value = 0.digits × 10^decimalPoint
        StringBuilder out = new StringBuilder(v < 0 ? "-" : "");
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
            } else if (decimalPoint >= digits.length()) {
                out.append(digits).append("0".repeat(decimalPoint - digits.length())).append(".0");
            } else {
                out.append(digits, 0, decimalPoint).append('.').append(digits.substring(decimalPoint));
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits.substring(1));
            }
            int exponent = decimalPoint - 1;
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            out.append(abs < 10 ? "0" : "").append(abs);
        }
        return out.toString();
    }

    /** Like {@link #pythonRepr(double)} but whole numbers lose the {@code .0}: {@code 12}, {@code 0.5}. */
    public static String compact(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return pythonRepr(v);
    }
}
