package org.prognos.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpfTest {
    /** The documented bound: under 0.502 ulp from e^x, so at most one ulp from the correctly rounded float. */
    private static final int MAX_ULPS_FROM_CORRECTLY_ROUNDED = 1;
    /** Arguments where expf and the correctly rounded float differ: about 1 in 1,600 in glibc; allow 1 in 1,000. */
    private static final double MAX_DIFFERING_FRACTION = 1e-3;

    /**
     * {argument, glibc 2.36 expf(argument)} as float bits, where {@code (float) exp((double) x)} rounds the other way:
     * every 124th such argument on a grid of 4,000,000 over [-30, 30] (2,485 of them differ there).
     */
    private static final int[][] C_LIBRARY_WHERE_ROUNDING_DIFFERS = {
        {0xc1eff7ad, 0x29d392ba}, {0xc1d8df8d, 0x2bed2a96}, {0xc1c4f513, 0x2db2b127}, {0xc1aee83e, 0x2fafcc83},
        {0xc1967cc1, 0x31e8949b}, {0xc17fa888, 0x33f6e239}, {0xc14f53de, 0x361e32d9}, {0xc11e2651, 0x3855c42d},
        {0xc0d622fb, 0x3aa2abdf}, {0xc053432d, 0x3d16ed1d}, {0xbe6775b8, 0x3f4c356d}, {0x40405254, 0x41a17e67},
        {0x40c98c93, 0x4407ed3b}, {0x4117b9c1, 0x464d3240}, {0x414db9f0, 0x48bb67de}, {0x41746a11, 0x4a837540},
        {0x4191e179, 0x4c9e6d77}, {0x41a8d0b6, 0x4eae14e8}, {0x41c2a5d6, 0x510964e5}, {0x41d69257, 0x52cf3e3b},
        {0x41ee657d, 0x54fe86b1},
    };

    /** {argument, glibc 2.36 expf(argument)} as float bits, on ordinary arguments (0, ±1, ±10, near the overflow edge). */
    private static final int[][] C_LIBRARY_ORDINARY = {
        {0x00000000, 0x3f800000}, {0x3f800000, 0x402df854}, {0xbf800000, 0x3ebc5ab2}, {0x3f000000, 0x3fd3094c},
        {0xbf000000, 0x3f1b4598}, {0xc1200000, 0x383e6bce}, {0x41200000, 0x46ac14ee}, {0xc2af0000, 0x006cb2bc},
        {0x42af0000, 0x7e96bab3}, {0xc1a20000, 0x30dc9ef1}, {0x40700000, 0x422a1597}, {0xba83126f, 0x3f7fbe7f},
    };

    @Test
    void equals_the_c_library_bit_for_bit_where_rounding_exp_to_float_differs() {
        for (int[] c : C_LIBRARY_WHERE_ROUNDING_DIFFERS) {
            float x = Float.intBitsToFloat(c[0]);
            assertEquals(c[1], Float.floatToRawIntBits(Expf.expf(x)), "expf(" + x + ")");
            assertNotEquals(c[1], Float.floatToRawIntBits((float) StrictMath.exp(x)), "a case where rounding differs: " + x);
        }
    }

    @Test
    void equals_the_c_library_bit_for_bit_on_ordinary_arguments() {
        for (int[] c : C_LIBRARY_ORDINARY) {
            float x = Float.intBitsToFloat(c[0]);
            assertEquals(c[1], Float.floatToRawIntBits(Expf.expf(x)), "expf(" + x + ")");
        }
    }

    @Test
    void stays_within_one_ulp_of_the_correctly_rounded_value_and_rarely_differs() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 1_000_000;
        int differing = 0;
        for (int i = 0; i < n; i++) {
            float x = (float) rng.nextDouble(-87.9, 87.9);
            float reference = (float) StrictMath.exp(x);
            float mine = Expf.expf(x);
            int ulps = Math.abs(Float.floatToRawIntBits(mine) - Float.floatToRawIntBits(reference));
            assertTrue(ulps <= MAX_ULPS_FROM_CORRECTLY_ROUNDED, () -> "expf(" + x + ") = " + mine + ", e^x = " + reference);
            differing += ulps == 0 ? 0 : 1;
        }
        assertTrue(differing <= MAX_DIFFERING_FRACTION * n, differing + " of " + n + " differ from the rounded e^x");
    }

    @Test
    void overflow_underflow_and_nan_follow_math_exp() {
        assertEquals(Float.POSITIVE_INFINITY, Expf.expf(89f));
        assertEquals(Float.POSITIVE_INFINITY, Expf.expf(Float.POSITIVE_INFINITY));
        assertEquals(0f, Expf.expf(Float.NEGATIVE_INFINITY));
        assertEquals((float) Math.exp(-100f), Expf.expf(-100f));
        assertTrue(Float.isNaN(Expf.expf(Float.NaN)));
    }
}
