package com.redeemupload.upload;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Job file names (contract 2.2): {base}_{createdOn}_{seriesId}.csv, no path parts, no control characters. */
class SafeFileNameTest {

    @ParameterizedTest(name = "[{index}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "../../etc/pa\"ss\u0001wd.csv     | pa_ss_wd",
            "C:\\fakepath\\May sales.csv      | May sales",
            "...hidden.csv                    | hidden",
            "..                               | upload",
            "report.2025.csv                  | report.2025",
            "`line\nbreak\ttab.csv`           | line_break_tab",
            "`   `                            | upload",
    })
    void baseNameIsMadeSafe(String original, String base) {
        assertThat(SafeFileName.of(original, 1764000000000L, 42)).isEqualTo(base + "_1764000000000_42.csv");
    }
}
