package io.modelwatch.core.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Numbers in CSV cells, parsed from their UTF-8 bytes without a {@code String}: the common plain decimals by a
 * correctly rounded fast path, the rest by fastdoubleparser ({@code Double.valueOf} syntax). Shared by the
 * numeric and the sniffing column builders.
 */
final class NumberCells {

    private NumberCells() {
    }

    /**
     * The number in a trimmed slice, or NaN with {@code ok[0] = false} when it is not one. The first byte is
     * checked before calling the parser, so text columns do not pay for an exception per cell.
     */
    static double parseNumber(byte[] b, int start, int end, boolean[] ok) {
        double simple = parseSimpleDecimal(b, start, end);
        if (simple == simple) {
            ok[0] = true;
            return simple;
        }
        byte c = b[start];
        boolean plausible = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'N' || c == 'I';
        if (plausible) {
            try {
                ok[0] = true;
                return JavaDoubleParser.parseDouble(b, start, end - start);
            } catch (NumberFormatException notANumber) {
                // fall through
            }
        }
        ok[0] = false;
        return Double.NaN;
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22};

    private static final long TWO_TO_53 = 1L << 53;

    /**
     * The common shape {@code [-]digits[.digits]} (at most 18 digits, a digit on both sides of the point) whose
     * digits form an integer {@code m ≤ 2^53} with at most 22 decimals {@code k}; NaN for anything else, which
     * then goes to fastdoubleparser. Both {@code m} and {@code 10^k} are exact doubles, so the one IEEE division
     * {@code m / 10^k} is the correctly rounded value of the text: the same double as {@code Double.valueOf}
     * (Clinger's fast path, the one fastdoubleparser and the JDK also take first). It only skips the library's
     * general syntax checks for the cells that make up nearly all of a numeric CSV.
     */
    static double parseSimpleDecimal(byte[] b, int start, int end) {
        int p = start;
        boolean negative = b[p] == '-';
        if (negative) {
            p++;
        }
        long m = 0;
        int intStart = p;
        while (p < end) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            m = m * 10 + d;
            p++;
        }
        int intDigits = p - intStart;
        int decimals = 0;
        if (p < end && b[p] == '.') {
            int fracStart = ++p;
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                m = m * 10 + d;
                p++;
            }
            decimals = p - fracStart;
            if (decimals == 0) {
                return Double.NaN;
            }
        }
        if (p != end || intDigits == 0 || intDigits + decimals > 18 || m > TWO_TO_53 || decimals > 22) {
            return Double.NaN;
        }
        double v = decimals == 0 ? (double) m : (double) m / POWERS_OF_TEN[decimals];
        return negative ? -v : v;
    }
}
