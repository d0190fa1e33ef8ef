/* codec-jpegls.c: not written yet. */
