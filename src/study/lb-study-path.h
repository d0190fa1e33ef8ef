/* lb-study-path.h: finding a DICOMDIR's referenced files on disk, plain C. */
#ifndef LB_STUDY_PATH_H
#define LB_STUDY_PATH_H

/* The regular file that `file_id` ("IMAGES/IM000001", '/'-separated, relative) names inside
 * `base_dir`, malloc'd, or NULL when there is none. A component that does not exist as written
 * is matched without regard to case: CD file names are upper case in the DICOMDIR (ISO 9660)
 * but often lower case once mounted or copied (images/im000001). */
char *lb_study_resolve_file_id (const char *base_dir, const char *file_id);

#endif
