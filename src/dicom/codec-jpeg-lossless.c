/* codec-jpeg-lossless.c: not written yet. */
