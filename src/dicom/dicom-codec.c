/* dicom-codec.c: not written yet. */
