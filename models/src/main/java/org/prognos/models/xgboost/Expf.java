package org.prognos.models.xgboost;

/**
 * {@code expf} as the C library computes it, so that a softmax or logistic output computed in Java equals the
 * booster's to the last bit. {@code (float) Math.exp(x)} is the correctly rounded e^x for most arguments but differs
 * from the C library's {@code expf} in the last bit for about one argument in two thousand, and a softmax output with
 * it.
 *
 * <p>The algorithm is ARM's optimized-routines {@code expf} (MIT licence), which glibc (2.27 and later) and musl
 * use: 32x/ln2 = k + r, e^x = 2^(k/32)·2^(r/32), 2^(k/32) from a 32-entry table and 2^(r/32) by a cubic, all in
 * double, then rounded once to float. Its documented error is under 0.502 ulp (float), so it differs from the correctly rounded
 * value by at most one ulp, and only where e^x lies within 0.002 ulp of a rounding midpoint.
 *
 * <p>Outside |x| &lt; 88 there is no rounding question (overflow to infinity, underflow towards 0, NaN) and the result
 * is {@code (float) Math.exp(x)}.
 */
final class Expf {
    private static final long[] EXP2_TABLE = {   // bits of 2^(i/32) - (i << 47)
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
        0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
        0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
        0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
        0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
        0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
        0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L,
    };
    private static final double INV_LN2_32 = Double.longBitsToDouble(0x40471547652b82feL);   // 32 / ln 2
    private static final double SHIFT = Double.longBitsToDouble(0x4338000000000000L);        // 1.5 * 2^52: rounds to int
    private static final double C0 = Double.longBitsToDouble(0x3ebc6af84b912394L);
    private static final double C1 = Double.longBitsToDouble(0x3f2ebfce50fac4f3L);
    private static final double C2 = Double.longBitsToDouble(0x3f962e42ff0c52d6L);

    private Expf() {
    }

    /** e^x rounded to float the way the C library's {@code expf} rounds it. */
    static float expf(float x) {
        if (!(Math.abs(x) < 88f)) {
            return (float) Math.exp(x);   // overflow, underflow to 0, NaN: no rounding question
        }
        double z = INV_LN2_32 * x;
        double kd = z + SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = z - kd;
        double s = Double.longBitsToDouble(EXP2_TABLE[(int) (ki & 31)] + (ki << 47));
        double p = C0 * r + C1;
        double y = C2 * r + 1;
        y = p * (r * r) + y;
        return (float) (y * s);
    }
}
