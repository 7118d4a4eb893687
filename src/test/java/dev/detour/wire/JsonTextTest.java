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
