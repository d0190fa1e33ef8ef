/* lb-anonymize-fileset.c: the DICOMDIR that lists a file, and its files
 * (lb-anonymize-fileset.h). */
#include "config.h"

#define G_LOG_DOMAIN "lb-anonymize"

#include <stdlib.h>

#include "lb-anonymize-fileset.h"
#include "lb-dicom-dir.h"
#include "lb-dicom-write.h"
#include "lb-study-path.h"

/* File IDs have at most 8 components (PS3.10 8.5): the media root is at most 8 folders up. */
#define MAX_LEVELS 8

/* The files `path` (a DICOMDIR) names, as paths (char *), or NULL if it is none. */
static GPtrArray *
listed_paths (const char *path)
{
  LbDicomFile *dicom = lb_dicom_file_new (NULL);
  GPtrArray *paths = NULL;
  LbDicomDir dir;

  if (lb_dicom_file_read_path (dicom, path, LB_DICOM_READ_DEFAULT, NULL)
      && lb_dicom_dir_is_dicomdir (dicom) && lb_dicom_dir_read (dicom, &dir))
    {
      g_autofree char *folder = g_path_get_dirname (path);

      paths = g_ptr_array_new_with_free_func (g_free);
      for (size_t i = 0; i < dir.n_records; i++)
        {
          char *found = dir.records[i].file_id != NULL
                        ? lb_study_resolve_file_id (folder, dir.records[i].file_id) : NULL;
          if (found != NULL)
            g_ptr_array_add (paths, g_strdup (found));
          free (found);
        }
      lb_dicom_dir_clear (&dir);
    }
  lb_dicom_file_free (dicom);
  return paths;
}

/* "DICOMDIR" in `folder`, in any case (CD names are upper case, copies often lower). */
static char *
dicomdir_in (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_ascii_strcasecmp (name, "DICOMDIR") == 0)
      return g_build_filename (folder, name, NULL);
  return NULL;
}

char *
lb_anonymize_find_dicomdir (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *folder = path != NULL ? g_path_get_dirname (path) : NULL;

  for (int level = 0; folder != NULL && level <= MAX_LEVELS; level++)
    {
      g_autofree char *candidate = dicomdir_in (folder);
      g_autoptr (GPtrArray) paths = candidate != NULL ? listed_paths (candidate) : NULL;
      char *up;

      for (guint i = 0; paths != NULL && i < paths->len; i++)
        if (lb_dicom_path_is_same_file (paths->pdata[i], path))
          return g_steal_pointer (&candidate);
      up = g_path_get_dirname (folder);
      if (g_str_equal (up, folder))
        {
          g_free (up);
          break;
        }
      g_free (folder);
      folder = up;
    }
  return NULL;
}

GPtrArray *
lb_anonymize_dicomdir_files (const char *dicomdir)
{
  g_autoptr (GPtrArray) paths = listed_paths (dicomdir);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths != NULL && i < paths->len; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths->pdata[i]));
  return files;
}
