/* codec-jpeg-common.c: not written yet. */
