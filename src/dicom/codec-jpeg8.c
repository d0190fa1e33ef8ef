/* codec-jpeg8.c: not written yet. */
