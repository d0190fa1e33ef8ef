/* dicom-value.c: not written yet. */
