package clientgen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the generated models use to check JSON values against the spec's schemas; not for application code.
 *
 * <p>A {@link Check} says whether a JSON value fits a type's own schema: its JSON type, an object's required
 * fields and the types of the fields present, recursively through arrays, maps and nested unions. It gives
 * null when the value fits, else what does not fit ("Record.id: required, missing"). The same checks refuse a
 * request body whose required field is unset, fail the decoding of a response that lacks one, and decide which
 * variant of a union a value may be read as.
 */
public final class ModelSupport {
    private ModelSupport() {
    }

    /** A type's schema check. */
    @FunctionalInterface
    public interface Check {
        /**
         * What in the value does not fit the schema.
         *
         * @param value the JSON value (never null: JSON null is a NullNode)
         * @param strict true to require a union's value to fit one of its variants (reading a variant); false
         *     to take any value for a union (a union keeps a value no variant fits)
         * @return null when the value fits, else what does not
         */
        String problem(JsonNode value, boolean strict);
    }

    /** One field of an object schema. */
    public static final class Field {
        final String wire;
        final boolean required;
        final boolean nullable;
        final Check check;

        Field(String wire, boolean required, boolean nullable, Check check) {
            this.wire = wire;
            this.required = required;
            this.nullable = nullable;
            this.check = check;
        }
    }

    /**
     * A field of an object schema.
     *
     * @param wire the field's name on the wire
     * @param required whether the schema requires it
     * @param nullable whether JSON null is a value of it
     * @param check the check of its type
     * @return the field
     */
    public static Field field(String wire, boolean required, boolean nullable, Check check) {
        return new Field(wire, required, nullable, check);
    }

    private static String expected(String what, JsonNode value) {
        return "expected " + what + ", got " + (value.isMissingNode() ? "nothing" : value.getNodeType().name()
                .toLowerCase(java.util.Locale.ROOT));
    }

    /** @param value a JSON value @param strict unused @return null for a JSON string */
    public static String string(JsonNode value, boolean strict) {
        return value.isTextual() ? null : expected("a string", value);
    }

    /** @param value a JSON value @param strict unused @return null for an RFC 3339 date-time string */
    public static String dateTime(JsonNode value, boolean strict) {
        try {
            return value.isTextual() && ApiRuntime.parseDateTime(value.textValue()) != null ? null
                    : expected("an RFC 3339 date-time", value);
        } catch (java.time.DateTimeException e) {
            return "expected an RFC 3339 date-time (with Z or an offset), got " + value;
        }
    }

    /** @param value a JSON value @param strict unused @return null for a full-date string (2024-05-06) */
    public static String date(JsonNode value, boolean strict) {
        try {
            return value.isTextual() && java.time.LocalDate.parse(value.textValue()) != null ? null
                    : expected("a date", value);
        } catch (java.time.DateTimeException e) {
            return "expected a date, got " + value;
        }
    }

    /** @param value a JSON value @param strict unused @return null for a UUID string */
    public static String uuid(JsonNode value, boolean strict) {
        try {
            return value.isTextual() && java.util.UUID.fromString(value.textValue()) != null ? null
                    : expected("a uuid", value);
        } catch (IllegalArgumentException e) {
            return "expected a uuid, got " + value;
        }
    }

    /** @param value a JSON value @param strict unused @return null for base64 text (or bytes being sent) */
    public static String bytes(JsonNode value, boolean strict) {
        return value.isTextual() || value.isBinary() ? null : expected("base64 text", value);
    }

    /** @param value a JSON value @param strict unused @return null for an integer an int holds */
    public static String int32(JsonNode value, boolean strict) {
        return value.isIntegralNumber() && value.canConvertToInt() ? null : expected("an int32 integer", value);
    }

    /** @param value a JSON value @param strict unused @return null for an integer a long holds */
    public static String int64(JsonNode value, boolean strict) {
        return value.isIntegralNumber() && value.canConvertToLong() ? null : expected("an int64 integer", value);
    }

    /** @param value a JSON value @param strict unused @return null for a number */
    public static String number(JsonNode value, boolean strict) {
        return value.isNumber() ? null : expected("a number", value);
    }

    /** @param value a JSON value @param strict unused @return null for true or false */
    public static String bool(JsonNode value, boolean strict) {
        return value.isBoolean() ? null : expected("a boolean", value);
    }

    /** @param value a JSON value @param strict unused @return null for any value */
    public static String any(JsonNode value, boolean strict) {
        return value.isMissingNode() ? expected("a value", value) : null;
    }

    /**
     * An array of items of one type (null items allowed).
     *
     * @param item the items' check
     * @return the array's check
     */
    public static Check list(Check item) {
        return (value, strict) -> {
            if (!value.isArray()) {
                return expected("an array", value);
            }
            for (int i = 0; i < value.size(); i++) {
                String problem = value.get(i).isNull() ? null : item.problem(value.get(i), strict);
                if (problem != null) {
                    return "[" + i + "]: " + problem;
                }
            }
            return null;
        };
    }

    /**
     * An object whose values are of one type (null values allowed).
     *
     * @param item the values' check
     * @return the map's check
     */
    public static Check map(Check item) {
        return (value, strict) -> {
            if (!value.isObject()) {
                return expected("an object", value);
            }
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                String problem = entry.getValue().isNull() ? null : item.problem(entry.getValue(), strict);
                if (problem != null) {
                    return "[" + entry.getKey() + "]: " + problem;
                }
            }
            return null;
        };
    }

    /**
     * An object model's check: a JSON object, its required fields present (not null unless nullable), the
     * fields present of their types, and extra properties of theirs.
     *
     * @param value the JSON value
     * @param strict whether nested unions must fit a variant
     * @param model the model's name, for the message
     * @param fields the schema's fields
     * @param extra the extra properties' check, or null when the model keeps none
     * @return null when it fits, else what does not
     */
    public static String object(JsonNode value, boolean strict, String model, List<Field> fields, Check extra) {
        if (!value.isObject()) {
            return model + ": " + expected("an object", value);
        }
        for (Field field : fields) {
            JsonNode item = value.get(field.wire);
            String problem;
            if (item == null || item.isMissingNode()) {
                problem = field.required ? "required, missing" : null;
            } else if (item.isNull()) {
                problem = field.required && !field.nullable ? "required, null" : null;
            } else {
                problem = field.check.problem(item, strict);
            }
            if (problem != null) {
                return model + "." + field.wire + ": " + problem;
            }
        }
        if (extra != null) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                boolean named = fields.stream().anyMatch(f -> f.wire.equals(entry.getKey()));
                String problem = named || entry.getValue().isNull() ? null : extra.problem(entry.getValue(), strict);
                if (problem != null) {
                    return model + "." + entry.getKey() + ": " + problem;
                }
            }
        }
        return null;
    }

    /**
     * An open enum's check: a string (or an integer, for an integer enum); values the spec does not list fit.
     *
     * @param value the JSON value
     * @param model the enum's name, for the message
     * @param integral whether the enum's values are integers
     * @return null when it fits
     */
    public static String enumValue(JsonNode value, String model, boolean integral) {
        boolean fits = integral ? value.isIntegralNumber() && value.canConvertToLong() : value.isTextual();
        return fits ? null : model + ": " + expected(integral ? "an integer" : "a string", value);
    }

    /**
     * A union's check: when strict, the value must be one of its variants ({@link #isVariant}); otherwise any
     * value is kept.
     *
     * @param value the JSON value
     * @param strict whether the value must fit a variant
     * @param model the union's name, for the message
     * @param discriminator the discriminator's wire name, or null
     * @param mapping discriminator value to variant index
     * @param variants the variants' checks
     * @return null when it fits
     */
    public static String union(JsonNode value, boolean strict, String model, String discriminator,
            Map<String, Integer> mapping, List<Check> variants) {
        if (!strict || value.isMissingNode()) {
            return value.isMissingNode() ? model + ": " + expected("a value", value) : null;
        }
        for (int i = 0; i < variants.size(); i++) {
            if (isVariant(value, discriminator, mapping, variants, i)) {
                return null;
            }
        }
        return model + ": fits none of its variants";
    }

    /**
     * Whether a value is variant {@code index} of a union: where there is a discriminator, its value decides (a
     * value naming no variant is none of them); and the value fits the variant's own schema.
     *
     * @param value the JSON value
     * @param discriminator the discriminator's wire name, or null
     * @param mapping discriminator value to variant index
     * @param variants the variants' checks
     * @param index the variant
     * @return whether the value may be read as that variant
     */
    public static boolean isVariant(JsonNode value, String discriminator, Map<String, Integer> mapping,
            List<Check> variants, int index) {
        if (discriminator != null && !mapping.isEmpty()) {
            JsonNode tag = value.get(discriminator);
            if (!value.isObject() || tag == null || !tag.isValueNode() || tag.isNull()
                    || !Integer.valueOf(index).equals(mapping.get(tag.asText()))) {
                return false;
            }
        }
        return variants.get(index).problem(value, true) == null;
    }

    /**
     * A variant's JSON value with the discriminator written when it is unset; refused when it names another
     * variant.
     *
     * @param value the variant's JSON value
     * @param model the union's name, for the message
     * @param discriminator the discriminator's wire name, or null
     * @param mapping discriminator value to variant index
     * @param index the variant
     * @param own the discriminator value that names this variant (the spec's first)
     * @return the value, tagged
     * @throws IllegalArgumentException when the discriminator names another variant
     */
    public static JsonNode tagged(JsonNode value, String model, String discriminator, Map<String, Integer> mapping,
            int index, String own) {
        if (discriminator == null || own == null || !value.isObject()) {
            return value;
        }
        JsonNode tag = value.get(discriminator);
        if (tag == null || tag.isNull()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put(discriminator, own);
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (!entry.getKey().equals(discriminator)) {
                    out.set(entry.getKey(), entry.getValue());
                }
            }
            return out;
        }
        if (!Integer.valueOf(index).equals(mapping.get(tag.asText()))) {
            throw new IllegalArgumentException(model + ": " + discriminator + " " + tag + " names another variant than "
                    + own);
        }
        return value;
    }

    /**
     * The extra properties of an open model as they go on the wire: without the keys the model names (a named
     * field wins, so each key is written once).
     *
     * @param extra the extra properties
     * @param named the model's fields
     * @param <T> the values' type
     * @return the properties to write
     */
    public static <T> Map<String, T> extra(Map<String, T> extra, List<Field> named) {
        Map<String, T> out = new LinkedHashMap<>(extra);
        for (Field field : named) {
            out.remove(field.wire);
        }
        return Collections.unmodifiableMap(out);
    }
}
