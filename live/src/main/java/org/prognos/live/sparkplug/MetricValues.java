package org.prognos.live.sparkplug;

import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A metric's value as a number, by its datatype. Integers come in {@code int_value} (uint32 bits) or
 * {@code long_value} (uint64 bits), whichever the edge node chose: Tahu's Java library sign-extends an Int8 of -1 to
 * 0xFFFFFFFF, its Python library sends 255, and narrowing to the datatype's width reads both as -1. UInt64 above
 * 2^63 is read unsigned (rounded to the nearest double, as every integer above 2^53 is).
 */
final class MetricValues {
    private static final long UINT32_MASK = 0xFFFF_FFFFL;

    private MetricValues() {
    }

    /** The datatype, when the protobuf enum knows the number. */
    static Optional<DataType> datatype(int number) {
        return Optional.ofNullable(DataType.forNumber(number));
    }

    /** A readable name of datatype {@code number} for a skip's detail. */
    static String describe(int number) {
        return datatype(number).map(DataType::name).orElse("#" + number);
    }

    /** Whether metrics of this datatype read as a number (Int8..UInt64, Float, Double, Boolean). */
    static boolean numeric(int number) {
        return switch (datatype(number).orElse(DataType.Unknown)) {
            case Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64, Float, Double, Boolean -> true;
            default -> false;
        };
    }

    /** Whether metrics of this datatype carry text (String, Text). */
    static boolean text(int number) {
        return number == DataType.String_VALUE || number == DataType.Text_VALUE;
    }

    /**
     * The value of a non-null metric of a {@link #numeric} datatype; empty when the value field does not fit (a
     * string in a Double, no value at all).
     */
    static OptionalDouble number(Metric metric, int number) {
        DataType type = DataType.forNumber(number);
        return switch (metric.getValueCase()) {
            case INT_VALUE -> integer(metric.getIntValue(), type);
            case LONG_VALUE -> integer(metric.getLongValue(), type);
            case FLOAT_VALUE -> floating(metric.getFloatValue(), type);
            case DOUBLE_VALUE -> floating(metric.getDoubleValue(), type);
            case BOOLEAN_VALUE -> type == DataType.Boolean
                    ? OptionalDouble.of(metric.getBooleanValue() ? 1.0 : 0.0) : OptionalDouble.empty();
            default -> OptionalDouble.empty();
        };
    }

    private static OptionalDouble floating(double value, DataType type) {
        return type == DataType.Float || type == DataType.Double ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** {@code bits} are the wire value, sign-extended from int_value or as sent in long_value. */
    private static OptionalDouble integer(long bits, DataType type) {
        return switch (type) {
            case Int8 -> OptionalDouble.of((byte) bits);
            case Int16 -> OptionalDouble.of((short) bits);
            case Int32 -> OptionalDouble.of((int) bits);
            case Int64 -> OptionalDouble.of(bits);
            case UInt8 -> OptionalDouble.of(bits & 0xFF);
            case UInt16 -> OptionalDouble.of(bits & 0xFFFF);
            case UInt32 -> OptionalDouble.of(bits & UINT32_MASK);
            case UInt64 -> OptionalDouble.of(bits >= 0 ? bits : new BigInteger(Long.toUnsignedString(bits)).doubleValue());
            default -> OptionalDouble.empty();
        };
    }
}
