package com.redeemupload.upload;

import java.nio.file.Path;

/** A file that has come in and been checked, not yet stored: where it is now, its name, and how to read it. */
public record ReceivedFile(long seriesId, Path file, String originalName, UploadSettings settings) {
}
