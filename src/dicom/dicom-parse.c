/* dicom-parse.c: not written yet. */
