/* dicom-charset.c: not written yet. */
