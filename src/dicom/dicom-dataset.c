/* dicom-dataset.c: not written yet. */
