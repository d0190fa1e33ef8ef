/* codec-deflate.c: not written yet. */
