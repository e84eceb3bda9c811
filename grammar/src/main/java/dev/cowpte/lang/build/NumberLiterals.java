package dev.cowpte.lang.build;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Reads the numbers of the language: decimal or {@code 0x} hex integers with {@code _}
 * separators, and sizes with a binary unit (K, M, G, T, P, KiB ... PiB), fractions rounded down to
 * whole bytes. Numbers that do not fit are reported, never wrapped.
 */
public final class NumberLiterals {
    private NumberLiterals() {
    }

    /** A number that does not fit in 64 bits; the message says what the limit is. */
    public static final class TooLarge extends Exception {
        public TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UNSIGNED_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** More digits than this can not fit in 64 bits, whatever they are; saves reading huge literals. */
    private static final int MAX_DIGITS = 24;

    /** A non-negative integer up to 2^63-1. */
    public static long integer(String literal) throws TooLarge {
        BigInteger value = bigInteger(literal);
        if (value.compareTo(LONG_MAX) > 0) {
            throw new TooLarge("number " + shorten(literal) + " is too large (the largest is 2^63-1)");
        }
        return value.longValue();
    }

    /** A 64-bit value as stored in memory: up to 2^64-1 (read as its two's complement), or negative. */
    public static long value(String literal, boolean negative) throws TooLarge {
        BigInteger value = bigInteger(literal);
        if (negative) {
            if (value.compareTo(LONG_MAX.add(BigInteger.ONE)) > 0) {
                throw new TooLarge("value -" + shorten(literal) + " does not fit in 64 bits");
            }
            return value.negate().longValue();
        }
        if (value.compareTo(UNSIGNED_MAX) > 0) {
            throw new TooLarge("value " + shorten(literal) + " does not fit in 64 bits");
        }
        return value.longValue();
    }

    /** The number of bytes a size such as {@code 2.5M} or {@code 64KiB} stands for, rounded down. */
    public static long sizeInBytes(String literal) throws TooLarge {
        BigInteger bytes = exactBytes(literal).setScale(0, RoundingMode.FLOOR).toBigInteger();
        if (bytes.compareTo(LONG_MAX) > 0) {
            throw new TooLarge("size " + shorten(literal) + " is too large (the largest is 2^63-1 bytes)");
        }
        return bytes.longValue();
    }

    private static BigDecimal exactBytes(String literal) throws TooLarge {
        int unitAt = 0;
        while (unitAt < literal.length() && "KMGTP".indexOf(literal.charAt(unitAt)) < 0) {
            unitAt++;
        }
        String number = literal.substring(0, unitAt).replace("_", "");
        if (unitAt == literal.length() || number.length() > MAX_DIGITS + 20) {
            throw new TooLarge("size " + shorten(literal) + " is too large (the largest is 2^63-1 bytes)");
        }
        int shift = switch (literal.charAt(unitAt)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 50;
        };
        return new BigDecimal(number).multiply(new BigDecimal(BigInteger.ONE.shiftLeft(shift)));
    }

    private static BigInteger bigInteger(String literal) throws TooLarge {
        String digits = literal.replace("_", "");
        boolean hex = digits.startsWith("0x");
        if (hex) {
            digits = digits.substring(2);
        }
        String significant = stripLeadingZeros(digits);
        if (significant.length() > MAX_DIGITS) {
            throw new TooLarge("number " + shorten(literal) + " is too large (the largest is 2^63-1)");
        }
        return significant.isEmpty() ? BigInteger.ZERO : new BigInteger(significant, hex ? 16 : 10);
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static String shorten(String literal) {
        return literal.length() <= 30 ? literal : literal.substring(0, 27) + "...";
    }
}
