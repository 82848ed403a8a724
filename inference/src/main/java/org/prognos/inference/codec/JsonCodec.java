package org.prognos.inference.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.prognos.PrognosException;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.ServiceConfig;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * JSON in and out. Reading is strict and bounded: nesting depth, string and number lengths are capped
 * ({@link StreamReadConstraints}), {@code NaN}/{@code Infinity} tokens are malformed JSON, numbers are never read
 * from strings (nor booleans from numbers), unknown fields are errors, and every error becomes an
 * {@link InvalidRequestException} naming the JSON path and, for syntax errors, the line and column. A time or an
 * attribute may be a string or a number.
 */
public final class JsonCodec {
    private final ObjectMapper mapper;

    public JsonCodec(ServiceConfig.Limits limits) {
        this(limits, true);
    }

    /** A codec that writes answers with Jackson's reflective serialization: the reference for the hand-written one. */
    static JsonCodec reflective(ServiceConfig.Limits limits) {
        return new JsonCodec(limits, false);
    }

    private JsonCodec(ServiceConfig.Limits limits, boolean answerWriter) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(64)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // correctly rounded like Double.parseDouble / shortest round-trip text: same numbers, less CPU
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
        JsonMapper m = JsonMapper.builder(factory)
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .addModules(answerWriter ? List.of(new SimpleModule("prognos-answers")
                        .addSerializer(ScoreResponse.class, new ScoreResponseSerializer())) : List.of())
                .build();
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        this.mapper = m;
    }

    /** The mapper used for responses. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Binds a request body to {@code type}.
     *
     * @throws InvalidRequestException for an empty body, malformed JSON, a wrong type, an unknown field, or a limit
     */
    public <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new InvalidRequestException("the request body is empty; send a JSON object (Content-Type: application/json)");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new InvalidRequestException("the request body is JSON null; send a JSON object");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new InvalidRequestException("the request exceeds a JSON limit: " + e.getOriginalMessage(), e);
        } catch (UnrecognizedPropertyException e) {
            String parent = path(e.getPath().subList(0, Math.max(0, e.getPath().size() - 1)));
            String known = e.getKnownPropertyIds() == null ? "" : "; known fields: " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new InvalidRequestException(parent + "unknown field '" + e.getPropertyName() + "'" + known, e);
        } catch (InvalidFormatException e) {
            throw new InvalidRequestException(path(e) + "expected " + typeName(e.getTargetType()) + ", found "
                    + describe(e.getValue()), e);
        } catch (MismatchedInputException e) {
            Throwable root = rootCause(e);
            if (root instanceof StreamConstraintsException c) {
                throw new InvalidRequestException("the request exceeds a JSON limit: " + c.getOriginalMessage(), e);
            }
            if (root instanceof PrognosException p && root != e) {
                throw new InvalidRequestException(path(e) + p.getMessage(), e);
            }
            String found = e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p && p.currentToken() != null
                    ? describeToken(p.currentToken()) : "another type";
            throw new InvalidRequestException(path(e) + "expected " + typeName(e.getTargetType()) + ", found " + found, e);
        } catch (JsonMappingException e) {
            Throwable root = rootCause(e);
            if (root instanceof StreamConstraintsException c) {
                throw new InvalidRequestException("the request exceeds a JSON limit: " + c.getOriginalMessage(), e);
            }
            if (root instanceof JsonProcessingException p && !(root instanceof JsonMappingException)) {
                throw malformed(p);
            }
            String why = root instanceof PrognosException ? root.getMessage() : e.getOriginalMessage();
            throw new InvalidRequestException(path(e) + why, e);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new InvalidRequestException("cannot read the request body: " + e.getMessage(), e);
        }
    }

    /** Serializes a response. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static InvalidRequestException malformed(JsonProcessingException e) {
        String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return new InvalidRequestException("malformed JSON" + at + ": " + firstLine(e.getOriginalMessage()), e);
    }

    private static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        String p = refs.stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        if (p.startsWith(".")) {
            p = p.substring(1);
        }
        return p.isEmpty() ? "" : p + ": ";
    }

    private static String typeName(Class<?> t) {
        if (t == null) {
            return "a different type";
        }
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) {
            return "a number";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "an integer";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "an object";
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        return String.valueOf(v);
    }

    private static String describeToken(com.fasterxml.jackson.core.JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "another type";
        };
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
