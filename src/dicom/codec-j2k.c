/* codec-j2k.c: not written yet. */
