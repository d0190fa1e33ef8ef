/* dicom-dict.c: not written yet. */
