/* codec-rle.c: not written yet. */
