/* dicom-pixel.c: not written yet. */
