/* dicom-voi.c: not written yet. */
