package dev.jnetlab.commands.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextEscapesTest {

    @Nested
    class Decoding {

        @Test
        void plainTextIsItsUtf8Octets() throws SyntaxException {
            assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), TextEscapes.decode("héllo"));
        }

        @Test
        void decodesEveryEscape() throws SyntaxException {
            assertArrayEquals(new byte[] {'a', '\n', '\r', '\t', 0, '\\', 0x7f, (byte) 0xAB, 'z'},
                    TextEscapes.decode("a\\n\\r\\t\\0\\\\\\x7f\\xABz"));
        }

        @Test
        void anHttpRequestLine() throws SyntaxException {
            assertEquals("GET / HTTP/1.0\r\n\r\n",
                    new String(TextEscapes.decode("GET / HTTP/1.0\\r\\n\\r\\n"), StandardCharsets.US_ASCII));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "abc\\|a lone \\ ends the text (write \\\\ for a backslash)",
            "\\q|unknown escape \\q (known: \\n \\r \\t \\0 \\xNN \\\\)",
            "\\x4|\\x needs two hex digits, as in \\x0a",
            "\\xg0|\\x needs two hex digits, as in \\x0a",
        })
        void explainsWhatIsWrong(String text, String message) {
            SyntaxException error = assertThrows(SyntaxException.class, () -> TextEscapes.decode(text));
            assertEquals(message, error.getMessage());
        }
    }

    @Nested
    class Encoding {

        @Test
        void showsControlOctetsAsEscapes() {
            byte[] data = {'o', 'k', '\r', '\n', 0, (byte) 0xFF, '\\'};
            assertEquals("ok\\r\\n\\x00\\xff\\\\", TextEscapes.encode(data, 0, data.length));
        }

        @Test
        void decodingUndoesEncodingForAnyOctets() throws SyntaxException {
            Random random = new Random(7);
            for (int round = 0; round < 1000; round++) {
                byte[] data = new byte[random.nextInt(64)];
                random.nextBytes(data);
                assertArrayEquals(data, TextEscapes.decode(TextEscapes.encode(data, 0, data.length)));
            }
        }
    }
}
