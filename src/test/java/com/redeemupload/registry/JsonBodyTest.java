package com.redeemupload.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redeemupload.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a registry body is read: as it arrives, each field checked against its shape, the item count bounded. */
class JsonBodyTest {

    private static final JsonShape REF = JsonShape.of("mobile", "userId");
    private static final JsonShape ITEM = JsonShape.of("couponCode", "expiresOn").with("issuedTo", REF);

    private static List<ObjectNode> items(String json, int maxBatch) throws IOException {
        return JsonBody.items(stream(json), "coupons", ITEM, maxBatch, (item, at) -> item);
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void arrayOrWrappedArray() throws IOException {
        assertThat(items("[{\"couponCode\": \"A\", \"issuedTo\": {\"mobile\": \"919800000001\"}}, {\"couponCode\": \"B\"}]", 10))
                .extracting(i -> i.get("couponCode").asText()).containsExactly("A", "B");
        assertThat(items(" {\"coupons\": [{\"couponCode\": \"A\"}]}\n", 10)).hasSize(1);
        assertThat(items("[]", 10)).isEmpty();
    }

    /** 10 million {} (30 MB) under a batch of 100: refused at item 100, having read a few KB of the body. */
    @Test
    void theItemAfterTheBatchStopsTheReading() {
        CountingBody body = new CountingBody(10_000_000, "{\"couponCode\": \"C\"}");
        assertThatThrownBy(() -> JsonBody.items(body, "coupons", ITEM, 100, (item, at) -> item))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo("coupons: more than 100 items; at most 100 per call "
                            + "(redeem.registry.max-batch), send the rest in more calls");
                });
        assertThat(body.read).isLessThan(64 * 1024);
    }

    @Test
    void aBadItemStopsTheReadingAtThatItem() {
        CountingBody body = new CountingBody(10_000_000, "{}");
        assertThatThrownBy(() -> JsonBody.items(body, "coupons", ITEM, 100_000, (item, at) -> {
            throw new RegistryRequestException(at + ".couponCode: required");
        })).hasMessage("coupons[0].couponCode: required");
        assertThat(body.read).isLessThan(64 * 1024);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"couponCode\": \"A\", \"code\": 1}]                 | coupons[0].code: unknown field; the fields are couponCode, expiresOn, issuedTo",
            "[{\"couponCode\": \"A\", \"issuedTo\": {\"phone\": 1}}] | coupons[0].issuedTo.phone: unknown field; the fields are mobile, userId",
            "{\"coupons\": [], \"more\": 1}                         | the body: unknown field 'more'; the only field is 'coupons'",
            "[{\"couponCode\": [\"A\"]}]                            | coupons[0].couponCode: must be a string, number or true/false; got an array",
            "[{\"couponCode\": {}}]                                 | coupons[0].couponCode: must be a string, number or true/false; got an object",
            "[{\"issuedTo\": [1]}]                                  | coupons[0].issuedTo: must be an object with the fields mobile, userId; got an array",
            "[{}, [[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]] | coupons[1]: must be a JSON object with the fields couponCode, expiresOn, issuedTo; got an array",
            "[{}, \"A\"]                                            | coupons[1]: must be a JSON object with the fields couponCode, expiresOn, issuedTo; got a string",
            "{\"items\": []}                                        | the body must be a JSON array, or an object with the array in 'coupons' and no other field",
            "\"coupons\"                                            | the body must be a JSON array, or an object with the array in 'coupons' and no other field",
            "''                                                     | the body is empty; send JSON",
    })
    void refusalNamesTheItemAndField(String json, String message) {
        assertThatThrownBy(() -> items(json, 10)).isInstanceOf(RegistryRequestException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"couponCode\": \"A\"}] x", "[] []", "[]]", "{\"coupons\": []} {}", "[], 1"})
    void trailingContentIsRefused(String json) {
        assertThatThrownBy(() -> items(json, 10)).isInstanceOf(RegistryRequestException.class)
                .hasMessageStartingWith("the body has more after its JSON value (line 1, column ")
                .hasMessageEndingWith("); send one JSON value");
    }

    @Test
    void duplicateKeyIsNamed() {
        assertThatThrownBy(() -> items("[{\"couponCode\": \"A\"}, {\"couponCode\": \"B\", \"couponCode\": \"C\"}]", 10))
                .isInstanceOf(RegistryRequestException.class)
                .hasMessageStartingWith("coupons[1]: Duplicate field 'couponCode' (line 1, column ");
        assertThatThrownBy(() -> items("[{\"issuedTo\": {\"mobile\": \"1\", \"mobile\": \"2\"}}]", 10))
                .hasMessageStartingWith("coupons[0].issuedTo: Duplicate field 'mobile'");
    }

    @Test
    void malformedJsonNamesWhereItBroke() {
        assertThatThrownBy(() -> items("[{\"couponCode\": \"A\"}, {\"couponCode\" \"B\"}]", 10))
                .isInstanceOf(RegistryRequestException.class)
                .hasMessageStartingWith("coupons[1]: Unexpected character")
                .hasMessageEndingWith("(line 1, column 37)");
    }

    @Test
    void stringOverTheBackstopIsRefusedWhileItArrives() {
        CountingBody body = new CountingBody("[{\"couponCode\": \"", 10_000_000, "x");
        assertThatThrownBy(() -> JsonBody.items(body, "coupons", ITEM, 10, (item, at) -> item))
                .isInstanceOf(RegistryRequestException.class)
                .hasMessage("coupons[0].couponCode: longer than 10000 characters; no field takes more than 255");
        assertThat(body.read).isLessThan(1024 * 1024);
    }

    @Test
    void oneObjectBody() throws IOException {
        JsonShape org = JsonShape.of("name");
        assertThat(JsonBody.object(stream("{\"name\": \"Acme\"}"), org).get("name").asText()).isEqualTo("Acme");
        assertThatThrownBy(() -> JsonBody.object(stream("{\"name\": \"Acme\", \"plan\": \"gold\"}"), org))
                .hasMessage("plan: unknown field; the fields are name");
        assertThatThrownBy(() -> JsonBody.object(stream("{\"name\": \"Acme\"} {\"name\": \"B\"}"), org))
                .hasMessageStartingWith("the body has more after its JSON value");
        assertThatThrownBy(() -> JsonBody.object(stream("[{\"name\": \"Acme\"}]"), org))
                .hasMessage("the body must be a JSON object with the fields name");
        assertThatThrownBy(() -> JsonBody.object(null, org)).hasMessage("the body is empty; send JSON");
    }

    /** A body made as it is read: a prefix, then {@code count} times {@code item}; the tests stop reading long before its end. */
    private static final class CountingBody extends InputStream {
        private final byte[] prefix;
        private final byte[] item;
        private final long total;
        long read;

        CountingBody(long count, String item) {
            this("[", count, item + ",");
        }

        CountingBody(String prefix, long count, String item) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.item = item.getBytes(StandardCharsets.UTF_8);
            this.total = this.prefix.length + count * this.item.length;
        }

        @Override
        public int read() {
            if (read >= total) {
                return -1;
            }
            int b = read < prefix.length ? prefix[(int) read] : item[(int) ((read - prefix.length) % item.length)];
            read++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }
    }
}
