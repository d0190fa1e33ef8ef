/* dicom-cursor.c: not written yet. */
