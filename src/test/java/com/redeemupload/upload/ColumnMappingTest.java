package com.redeemupload.upload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** uploadHeaders and header rows (contract 2.1): what maps, and the 400s that name the key. */
class ColumnMappingTest {

    private static final int MAX_COLUMN_INDEX = 1000;   // redeem.csv.max-column-index's default

    private static ColumnMapping parse(String uploadHeaders) {
        return ColumnMapping.fromUploadHeaders(uploadHeaders, MAX_COLUMN_INDEX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'mobile': 0} x", "{\"mobile\": 0}{\"couponCode\": 1}", "{\"mobile\": 0}}", "{'mobile': 0}, 1",
            "{\"mobile\": 0} // comment"})
    void trailingContentIsRefused(String json) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("uploadHeaders"))
                .hasMessageStartingWith("uploadHeaders: has more after its JSON object");
    }

    @Test
    void whitespaceAfterTheObjectIsFine() {
        assertThat(parse(" {'mobile': 0}\r\n ").column(UploadKey.MOBILE)).hasValue(0);
    }

    @Test
    void repeatedKeyInDoubleQuotesIsNamed() {
        assertThatThrownBy(() -> parse("{\"mobile\": 0, \"couponCode\": 1, \"mobile\": 2}"))
                .isInstanceOf(UploadRequestException.class)
                .hasMessageStartingWith("uploadHeaders: ")
                .hasMessageContaining("Duplicate field 'mobile'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1001", "99999999", "999999999", "'99999999'"})
    void indexOverTheMaximumNamesTheKeyAndTheRange(String index) {
        assertThatThrownBy(() -> parse("{\"mobile\": 0, \"billNumber\": " + index + "}"))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("uploadHeaders"))
                .hasMessage("uploadHeaders: the index of 'billNumber' is " + index.replace("'", "")
                        + "; it must be a 0-based column number from 0 to 1000 (redeem.csv.max-column-index)");
    }

    @Test
    void indexAtTheMaximumIsAccepted() {
        ColumnMapping m = parse("{'mobile': 0, 'billNumber': 1000}");
        assertThat(m.width()).isEqualTo(1001);
        assertThatThrownBy(() -> ColumnMapping.fromUploadHeaders("{'mobile': 0, 'billNumber': 11}", 10))
                .hasMessageContaining("from 0 to 10");
    }

    @Test
    void doubleQuotedJson() {
        ColumnMapping m = parse("{\"mobile\": 2, \"couponCode\": 0, \"redeemedDateInMillis\": 1, \"redeemedAt\": 3}");
        assertThat(m.toStored()).isEqualTo(Map.of("mobile", 2, "couponCode", 0, "redeemedDateInMillis", 1, "redeemedAt", 3));
        assertThat(m.width()).isEqualTo(4);
    }

    @Test
    void singleQuotedJsonAsTheAnchorApiDocumentsIt() {
        ColumnMapping m = parse("{'mobile': 2, 'couponId': 5, 'redeemedDateInMillis': 0, 'redeemedAt': 1, 'details': 7}");
        assertThat(m.toStored()).isEqualTo(Map.of("mobile", 2, "couponId", 5, "redeemedDateInMillis", 0, "redeemedAt", 1, "details", 7));
        assertThat(m.width()).isEqualTo(8);
        assertThat(m.requireKeysFor(CustomerIdentifier.MOBILE, CouponIdentifier.COUPON_ID, "uploadHeaders")).isSameAs(m);
    }

    @Test
    void everyKeyIsAccepted() {
        ColumnMapping m = parse("{\"mobile\": 0, \"email\": 1, \"externalId\": 2, \"userId\": 3, "
                + "\"couponCode\": 4, \"couponId\": 5, \"redeemedDateInMillis\": 6, \"redeemedAt\": 7, \"billId\": 8, "
                + "\"billNumber\": 9, \"details\": 10}");
        for (UploadKey key : UploadKey.values()) {
            assertThat(m.has(key)).as(key.key()).isTrue();
        }
    }

    @Test
    void unknownKeyIsNamed() {
        assertThatThrownBy(() -> parse("{\"mobile\": 0, \"phone\": 1}"))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("uploadHeaders"))
                .hasMessageContaining("'phone'")
                .hasMessageContaining("unknown key");
    }

    @Test
    void keysAreCaseSensitiveInUploadHeaders() {
        assertThatThrownBy(() -> parse("{\"Mobile\": 0}"))
                .isInstanceOf(UploadRequestException.class)
                .hasMessageContaining("'Mobile'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "\"one\"", "null", "true", "[0]", "99999999999"})
    void indexThatIsNotAColumnNumberNamesTheKey(String index) {
        assertThatThrownBy(() -> parse("{\"couponCode\": 0, \"redeemedAt\": " + index + "}"))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("uploadHeaders"))
                .hasMessageContaining("'redeemedAt'")
                .hasMessageContaining("0-based column");
    }

    @Test
    void indexAsANumericStringIsAccepted() {
        assertThat(parse("{'mobile': '3'}").column(UploadKey.MOBILE)).hasValue(3);
    }

    @Test
    void repeatedIndexNamesBothKeys() {
        assertThatThrownBy(() -> parse("{\"mobile\": 0, \"couponCode\": 1, \"redeemedAt\": 1}"))
                .isInstanceOf(UploadRequestException.class)
                .hasMessageContaining("'couponCode'")
                .hasMessageContaining("'redeemedAt'")
                .hasMessageContaining("column 1");
    }

    @Test
    void repeatedKeyIsNamed() {
        assertThatThrownBy(() -> parse("{'mobile': 0, 'couponCode': 1, 'mobile': 2}"))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("uploadHeaders"))
                .hasMessageContaining("'mobile'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"mobile\"", "42", "null", "{\"mobile\": ", "{mobile 0}", "not json"})
    void notAJsonObjectIsRefused(String json) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("uploadHeaders"))
                .hasMessageStartingWith("uploadHeaders: ")
                .hasMessageContaining("JSON object");
    }

    @ParameterizedTest
    @CsvSource({
            "MOBILE,      COUPON_CODE, mobile",
            "EMAIL,       COUPON_CODE, email",
            "EXTERNAL_ID, COUPON_CODE, externalId",
            "USER_ID,     COUPON_CODE, userId",
            "MOBILE,      COUPON_ID,   couponId",
    })
    void missingKeyOfTheIdentifierIsNamed(CustomerIdentifier customer, CouponIdentifier coupon, String missing) {
        // every key but the one the identifiers need
        ColumnMapping m = parse("{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3}"
                .replace("'" + missing + "'", "'billId'"));
        String identifierField = missing.startsWith("coupon") ? "couponIdentifier " + coupon : "customerIdentifier " + customer;
        if (m.has(customer.column()) && m.has(coupon.column())) {
            throw new AssertionError("the mapping should lack " + missing);
        }
        assertThatThrownBy(() -> m.requireKeysFor(customer, coupon, "uploadHeaders"))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("uploadHeaders"))
                .hasMessageContaining("'" + missing + "'")
                .hasMessageContaining(identifierField);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redeemedDateInMillis", "redeemedAt", "couponCode", "mobile"})
    void missingRequiredKeyIsNamed(String missing) {
        ColumnMapping m = parse(("{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3}")
                .replace("'" + missing + "'", "'details'"));
        assertThatThrownBy(() -> m.requireKeysFor(CustomerIdentifier.MOBILE, CouponIdentifier.COUPON_CODE, "uploadHeaders"))
                .isInstanceOf(UploadRequestException.class)
                .hasMessageContaining("'" + missing + "'");
    }

    @Test
    void otherCustomerKeyDoesNotStandInForTheChosenOne() {
        ColumnMapping m = parse("{'email': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3}");
        assertThatThrownBy(() -> m.requireKeysFor(CustomerIdentifier.MOBILE, CouponIdentifier.COUPON_CODE, "uploadHeaders"))
                .hasMessageContaining("'mobile'");
    }

    @Test
    void headerRowMapsNamesWithoutRegardToCaseOrSpaces() {
        ColumnMapping m = ColumnMapping.fromHeaderRow(List.of("store", " MOBILE ", "couponcode", "RedeemedDateInMillis", "REDEEMEDAT", "notes"));
        assertThat(m.toStored()).isEqualTo(Map.of("mobile", 1, "couponCode", 2, "redeemedDateInMillis", 3, "redeemedAt", 4));
        assertThat(m.requireKeysFor(CustomerIdentifier.MOBILE, CouponIdentifier.COUPON_CODE, "file (header row)")).isSameAs(m);
    }

    @Test
    void headerRowLackingARequiredKeyIsNamed() {
        ColumnMapping m = ColumnMapping.fromHeaderRow(List.of("mobile", "couponCode", "redeemedDateInMillis", "till"));
        assertThatThrownBy(() -> m.requireKeysFor(CustomerIdentifier.MOBILE, CouponIdentifier.COUPON_CODE, "file (header row)"))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("file (header row)"))
                .hasMessageContaining("'redeemedAt'");
    }

    @Test
    void headerRowNamingAKeyTwiceIsRefused() {
        assertThatThrownBy(() -> ColumnMapping.fromHeaderRow(List.of("mobile", "couponCode", "Mobile")))
                .isInstanceOf(UploadRequestException.class)
                .hasMessageContaining("'mobile'")
                .hasMessageContaining("twice");
    }
}
