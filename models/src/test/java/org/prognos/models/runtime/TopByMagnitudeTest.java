package org.prognos.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopByMagnitudeTest {
    /** The order a full sort gives: magnitude descending, then index; NaN after every number. */
    private static int[] bySort(double[] v, int top) {
        Integer[] order = new Integer[v.length];
        for (int c = 0; c < v.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -Math.abs(v[c])).thenComparingInt(c -> c));
        return Arrays.stream(order).limit(top).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void selectsWhatAFullSortWouldListFirst() {
        Random r = new Random(7);
        for (int trial = 0; trial < 2_000; trial++) {
            double[] v = new double[1 + r.nextInt(40)];
            for (int c = 0; c < v.length; c++) {
                v[c] = switch (r.nextInt(6)) {
                    case 0 -> 0.0;
                    case 1 -> Double.NaN;
                    case 2 -> r.nextBoolean() ? 0.25 : -0.25;   // ties in magnitude across signs
                    default -> r.nextGaussian();
                };
            }
            int top = r.nextInt(v.length + 1);
            assertArrayEquals(bySort(v, top), Scorer.topByMagnitude(v, top), () -> Arrays.toString(v) + " top " + top);
        }
    }
}
