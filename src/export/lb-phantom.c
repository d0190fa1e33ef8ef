/* lb-phantom.c: not written yet. */
