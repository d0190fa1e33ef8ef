/* codec-jpeg-ext12.c: not written yet. */
