package dev.tuneboard.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it stood, so spec errors can name line and column.
 * Jackson's tree model drops locations; this keeps them by reading the token stream itself.
 */
record YamlNode(Object value, int line, int column) {

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)[eE][-+]?\\d+");

    static final class DuplicateKeyException extends IOException {
        final String key;
        final int line;
        final int column;

        DuplicateKeyException(String key, int line, int column) {
            super("duplicate key '" + key + "'");
            this.key = key;
            this.line = line;
            this.column = column;
        }
    }

    static YamlNode parse(String text) throws IOException {
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) return new YamlNode(null, 1, 1);
            return read(parser);
        }
    }

    private static YamlNode read(JsonParser parser) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    parser.nextToken();
                    YamlNode child = read(parser);
                    if (map.containsKey(key)) {
                        throw new DuplicateKeyException(key, keyAt.getLineNr(), keyAt.getColumnNr());
                    }
                    map.put(key, child);
                }
                return new YamlNode(map, line, column);
            }
            case START_ARRAY -> {
                List<YamlNode> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) list.add(read(parser));
                return new YamlNode(list, line, column);
            }
            case VALUE_NUMBER_INT -> {
                return new YamlNode(parser.getNumberValue(), line, column);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode(parser.getDoubleValue(), line, column);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode(parser.getBooleanValue(), line, column);
            }
            case VALUE_NULL -> {
                return new YamlNode(null, line, column);
            }
            case VALUE_STRING -> {
                String text = parser.getText();
                // YAML 1.1 reads "1e-4" (no dot) as text; users mean a number.
                if (NUMBER.matcher(text).matches()) return new YamlNode(Double.parseDouble(text), line, column);
                return new YamlNode(text, line, column);
            }
            default -> throw new JsonProcessingException("unexpected YAML token " + token, at) { };
        }
    }

    boolean isMap() { return value instanceof Map; }

    boolean isList() { return value instanceof List; }

    @SuppressWarnings("unchecked")
    Map<String, YamlNode> asMap() { return (Map<String, YamlNode>) value; }

    @SuppressWarnings("unchecked")
    List<YamlNode> asList() { return (List<YamlNode>) value; }

    String kind() {
        if (value == null) return "nothing";
        if (isMap()) return "a mapping";
        if (isList()) return "a list";
        if (value instanceof Boolean) return "a boolean";
        if (value instanceof Number) return "the number " + value;
        return "the text '" + value + "'";
    }
}
