package dev.detour.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void writesWhatTheMapperWritesForEveryKindOfNode() throws Exception {
        Random random = new Random(15);
        for (int i = 0; i < 3_000; i++) {
            JsonNode tree = randomNode(random, 0);
            assertArrayEquals(MAPPER.writeValueAsBytes(tree), JsonText.bytes(tree), () -> tree.toString());
            assertEquals(MAPPER.writeValueAsString(tree), JsonText.text(tree));
        }
    }

    @Test
    void readsWhatTheMapperReadsIncludingOddAndBrokenInput() throws Exception {
        Random random = new Random(19);
        for (int i = 0; i < 3_000; i++) {
            String json = MAPPER.writeValueAsString(randomNode(random, 0));
            assertSameRead(json);
        }
        String[] odd = {"", "  ", "\n", "null", "{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":{\"x\":1},\"a\":[1]}", "[1,2] trailing",
                "{} {}", "1e400", "-1e-400", "123456789012345678901234567890", "2147483648", "-9223372036854775809",
                "1.0", "-0", "-0.0", "\"\\u00e9\\ud83d\\ude00\"", "[[[[[]]]]]", "{\"\":\"\"}", "{\"a\":", "[1,]", "{a:1}",
                "nul", "[1 2]", "\"open", "{\"a\" 1}", "]", "tru", "0x10", "01", "NaN"};
        for (String json : odd) {
            assertSameRead(json);
        }
        assertSameRead("[".repeat(999) + "]".repeat(999));
        assertSameRead("[".repeat(5_000) + "]".repeat(5_000)); // past the parser's nesting limit: refused by both
    }

    @Test
    void readsAValueInsideADocumentAsTheMapperDoesAndLeavesTheParserAfterIt() throws Exception {
        Random random = new Random(23);
        for (int i = 0; i < 2_000; i++) {
            String json = "{\"before\":1,\"value\":" + MAPPER.writeValueAsString(randomNode(random, 0)) + ",\"after\":true}";
            try (com.fasterxml.jackson.core.JsonParser expected = MAPPER.createParser(json);
                 com.fasterxml.jackson.core.JsonParser actual = MAPPER.createParser(json)) {
                for (com.fasterxml.jackson.core.JsonParser p : java.util.List.of(expected, actual)) {
                    p.nextToken(); // {
                    p.nextToken(); // "before"
                    p.nextToken(); // 1
                    assertEquals("value", p.nextFieldName());
                    p.nextToken();
                }
                assertEquals(describe(MAPPER.readTree(expected)), describe(JsonText.treeAt(actual)), json);
                assertEquals("after", expected.nextFieldName());
                assertEquals("after", actual.nextFieldName(), "the parser goes on after the value");
            }
        }
    }

    private static void assertSameRead(String json) {
        String expected, actual, fromText;
        try {
            JsonNode tree = MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
            expected = describe(tree);
        } catch (Exception e) {
            expected = "fails";
        }
        try {
            actual = describe(JsonText.tree(json.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            actual = "fails";
        }
        try {
            fromText = describe(JsonText.tree(json));
        } catch (Exception e) {
            fromText = "fails";
        }
        assertEquals(expected, actual, "on: " + json);
        assertEquals(expected, fromText, "on: " + json);
    }

    /** The tree with the class of every node, so that 1 (int) and 1 (long) or 1.0 (double) differ. */
    private static String describe(JsonNode node) {
        if (node == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(node.getClass().getSimpleName()).append('(');
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> out.append(f.getKey()).append('=').append(describe(f.getValue())).append(','));
        } else if (node.isArray()) {
            node.forEach(e -> out.append(describe(e)).append(','));
        } else {
            out.append(node.toString());
        }
        return out.append(')').toString();
    }

    @Test
    void binaryAndPojoNodesAreWrittenAsTheMapperDoes() throws Exception {
        ObjectNode odd = NODES.objectNode();
        odd.set("bytes", NODES.binaryNode("hi".getBytes(StandardCharsets.UTF_8)));
        odd.set("pojo", NODES.pojoNode(java.util.List.of(1, "two")));
        assertEquals("{\"bytes\":\"aGk=\",\"pojo\":[1,\"two\"]}", JsonText.text(odd));
        assertEquals(MAPPER.writeValueAsString(odd), JsonText.text(odd));
    }

    private static JsonNode randomNode(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 9 : 11);
        return switch (kind) {
            case 0 -> NODES.textNode(randomText(random));
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 4 -> NODES.numberNode(new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(8)));
            case 5 -> NODES.numberNode(BigInteger.valueOf(random.nextLong()).shiftLeft(random.nextInt(40)));
            case 6 -> NODES.booleanNode(random.nextBoolean());
            case 7 -> NODES.nullNode();
            case 8 -> NODES.numberNode(random.nextFloat());
            case 9 -> {
                ObjectNode object = NODES.objectNode();
                for (int n = random.nextInt(5); n > 0; n--) {
                    object.set(randomText(random), randomNode(random, depth + 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int n = random.nextInt(5); n > 0; n--) {
                    array.add(randomNode(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static String randomText(Random random) {
        String pieces = "ab\"\\\n\t\u0001é€😀/<>& ";
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(8); n > 0; n--) {
            int at = random.nextInt(pieces.length());
            text.append(Character.isHighSurrogate(pieces.charAt(at)) ? pieces.substring(at, at + 2)
                    : Character.isLowSurrogate(pieces.charAt(at)) ? "x" : String.valueOf(pieces.charAt(at)));
        }
        return text.toString();
    }
}
