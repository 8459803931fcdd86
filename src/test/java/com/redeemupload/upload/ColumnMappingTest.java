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

    @Test
    void doubleQuotedJson() {
        ColumnMapping m = ColumnMapping.fromUploadHeaders("{\"mobile\": 2, \"couponCode\": 0, \"redeemedDateInMillis\": 1, \"redeemedAt\": 3}");
        assertThat(m.toStored()).isEqualTo(Map.of("mobile", 2, "couponCode", 0, "redeemedDateInMillis", 1, "redeemedAt", 3));
        assertThat(m.width()).isEqualTo(4);
    }

    @Test
    void singleQuotedJsonAsTheAnchorApiDocumentsIt() {
        ColumnMapping m = ColumnMapping.fromUploadHeaders("{'mobile': 2, 'couponId': 5, 'redeemedDateInMillis': 0, 'redeemedAt': 1, 'details': 7}");
        assertThat(m.toStored()).isEqualTo(Map.of("mobile", 2, "couponId", 5, "redeemedDateInMillis", 0, "redeemedAt", 1, "details", 7));
        assertThat(m.width()).isEqualTo(8);
        assertThat(m.requireKeysFor(CustomerIdentifier.MOBILE, CouponIdentifier.COUPON_ID, "uploadHeaders")).isSameAs(m);
    }

    @Test
    void everyKeyIsAccepted() {
        ColumnMapping m = ColumnMapping.fromUploadHeaders("{\"mobile\": 0, \"email\": 1, \"externalId\": 2, \"userId\": 3, "
                + "\"couponCode\": 4, \"couponId\": 5, \"redeemedDateInMillis\": 6, \"redeemedAt\": 7, \"billId\": 8, "
                + "\"billNumber\": 9, \"details\": 10}");
        for (UploadKey key : UploadKey.values()) {
            assertThat(m.has(key)).as(key.key()).isTrue();
        }
    }

    @Test
    void unknownKeyIsNamed() {
        assertThatThrownBy(() -> ColumnMapping.fromUploadHeaders("{\"mobile\": 0, \"phone\": 1}"))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("uploadHeaders"))
                .hasMessageContaining("'phone'")
                .hasMessageContaining("unknown key");
    }

    @Test
    void keysAreCaseSensitiveInUploadHeaders() {
        assertThatThrownBy(() -> ColumnMapping.fromUploadHeaders("{\"Mobile\": 0}"))
                .isInstanceOf(UploadRequestException.class)
                .hasMessageContaining("'Mobile'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "\"one\"", "null", "true", "[0]", "99999999999"})
    void indexThatIsNotAColumnNumberNamesTheKey(String index) {
        assertThatThrownBy(() -> ColumnMapping.fromUploadHeaders("{\"couponCode\": 0, \"redeemedAt\": " + index + "}"))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("uploadHeaders"))
                .hasMessageContaining("'redeemedAt'")
                .hasMessageContaining("0-based column");
    }

    @Test
    void indexAsANumericStringIsAccepted() {
        assertThat(ColumnMapping.fromUploadHeaders("{'mobile': '3'}").column(UploadKey.MOBILE)).hasValue(3);
    }

    @Test
    void repeatedIndexNamesBothKeys() {
        assertThatThrownBy(() -> ColumnMapping.fromUploadHeaders("{\"mobile\": 0, \"couponCode\": 1, \"redeemedAt\": 1}"))
                .isInstanceOf(UploadRequestException.class)
                .hasMessageContaining("'couponCode'")
                .hasMessageContaining("'redeemedAt'")
                .hasMessageContaining("column 1");
    }

    @Test
    void repeatedKeyIsNamed() {
        assertThatThrownBy(() -> ColumnMapping.fromUploadHeaders("{'mobile': 0, 'couponCode': 1, 'mobile': 2}"))
                .isInstanceOfSatisfying(UploadRequestException.class, e -> assertThat(e.field()).isEqualTo("uploadHeaders"))
                .hasMessageContaining("'mobile'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"mobile\"", "42", "null", "{\"mobile\": ", "{mobile 0}", "not json"})
    void notAJsonObjectIsRefused(String json) {
        assertThatThrownBy(() -> ColumnMapping.fromUploadHeaders(json))
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
        ColumnMapping m = ColumnMapping.fromUploadHeaders("{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3}"
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
        ColumnMapping m = ColumnMapping.fromUploadHeaders(("{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3}")
                .replace("'" + missing + "'", "'details'"));
        assertThatThrownBy(() -> m.requireKeysFor(CustomerIdentifier.MOBILE, CouponIdentifier.COUPON_CODE, "uploadHeaders"))
                .isInstanceOf(UploadRequestException.class)
                .hasMessageContaining("'" + missing + "'");
    }

    @Test
    void otherCustomerKeyDoesNotStandInForTheChosenOne() {
        ColumnMapping m = ColumnMapping.fromUploadHeaders("{'email': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3}");
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
