package com.redeemupload.upload;

/** Job file names: {@code {original base name}_{createdOn}_{couponSeriesId}.csv}, with nothing unsafe left in. */
public final class SafeFileName {

    private static final int MAX_BASE_LENGTH = 100;

    private SafeFileName() {
    }

    public static String of(String originalName, long createdOn, long seriesId) {
        return baseName(originalName) + "_" + createdOn + "_" + seriesId + ".csv";
    }

    /** The name without folders or extension, without control characters, quotes or separators; never empty. */
    static String baseName(String originalName) {
        String name = originalName == null ? "" : originalName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            boolean unsafe = Character.isISOControl(cp) || "\"'`;:*?<>|%$".indexOf(cp) >= 0 || Character.isWhitespace(cp) && cp != ' ';
            safe.appendCodePoint(unsafe ? '_' : cp);
        });
        String result = safe.toString().trim().replaceAll("^\\.+", "");
        if (result.length() > MAX_BASE_LENGTH) {
            result = result.substring(0, MAX_BASE_LENGTH);
        }
        return result.isEmpty() ? "upload" : result;
    }
}
