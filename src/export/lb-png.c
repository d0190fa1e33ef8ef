/* lb-png.c: not written yet. */
