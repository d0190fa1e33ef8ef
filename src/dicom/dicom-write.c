/* dicom-write.c: not written yet. */
