/* dicom-presets.c: not written yet. */
