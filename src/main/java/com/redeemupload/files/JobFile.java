package com.redeemupload.files;

/** The three files of a job, as named in the download URL {@code .../files/{uploaded|success|error}}. */
public enum JobFile {
    UPLOADED("uploaded"), SUCCESS("success"), ERROR("error");

    private final String urlName;

    JobFile(String urlName) {
        this.urlName = urlName;
    }

    public String urlName() {
        return urlName;
    }

    public static java.util.Optional<JobFile> byUrlName(String name) {
        for (JobFile f : values()) {
            if (f.urlName.equals(name)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }
}
