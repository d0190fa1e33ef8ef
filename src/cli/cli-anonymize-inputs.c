/* cli-anonymize-inputs.c: FILE|DIR|DICOMDIR arguments of `lightbox-cli anonymize` to a list of
 * files (cli-anonymize-inputs.h). */
#include "config.h"

#include "cli-anonymize-inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "lb-dicom-dir.h"
#include "lb-study-path.h"
#include "lb-study-zip.h"

#define MEDIA_STORAGE_DIRECTORY "1.2.840.10008.1.3.10"

gboolean
lb_anon_is_dicomdir (const char *path)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  gboolean is_dir = FALSE;
  if (lb_dicom_file_read_path (file, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL))
    {
      const LbDicomElement *el = lb_dicom_file_lookup (file, LB_DICOM_TAG (0x0002, 0x0002));
      g_autofree char *uid = el != NULL ? lb_dicom_element_get_string (el, 0) : NULL;
      is_dir = uid != NULL && strcmp (uid, MEDIA_STORAGE_DIRECTORY) == 0;
    }
  lb_dicom_file_free (file);
  return is_dir;
}

static void
add_file (LbAnonInputs *inputs, GHashTable *seen, const char *path)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  if (!g_hash_table_add (seen, g_strdup (canonical)))
    return;
  g_ptr_array_add (inputs->files, g_strdup (path));
}

/* The files a DICOMDIR's records name, in record order, relative to its folder. */
static void
add_dicomdir_files (LbAnonInputs *inputs, GHashTable *seen, const char *path)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomDir dir = { 0 };
  g_autofree char *folder = g_path_get_dirname (path);
  guint before = inputs->files->len;

  if (!lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, NULL)
      || !lb_dicom_dir_read (file, &dir))
    {
      lb_cli_print_error (path, _("DICOMDIR without directory records"));
      inputs->failed = TRUE;
    }
  for (size_t i = 0; i < dir.n_records; i++)
    if (dir.records[i].file_id != NULL)
      {
        /* CD names are upper case in the DICOMDIR, often lower case once copied. */
        char *member = lb_study_resolve_file_id (folder, dir.records[i].file_id);
        if (member != NULL)
          add_file (inputs, seen, member);
        else
          {
            lb_cli_print_error (path, _("names %s, which is missing"), dir.records[i].file_id);
            inputs->failed = TRUE;
          }
        free (member);
      }
  if (inputs->dicomdir_uid == NULL)
    inputs->dicomdir_uid = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0002, 0x0003));
  inputs->dicomdir = TRUE;
  g_debug ("%s: %u files", path, inputs->files->len - before);
  lb_dicom_dir_clear (&dir);
  lb_dicom_file_free (file);
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
walk (LbAnonInputs *inputs, GHashTable *seen, const char *dir_path, int depth)
{
  DIR *dir = opendir (dir_path);
  if (dir == NULL)
    {
      lb_cli_print_error (dir_path, _("cannot be read: %s"), g_strerror (errno));
      inputs->failed = TRUE;
      return;
    }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  struct dirent *entry;
  while ((entry = readdir (dir)) != NULL)
    if (entry->d_name[0] != '.')   /* also our own temporary files, ".NAME.PID.N.tmp" */
      g_ptr_array_add (names, g_strdup (entry->d_name));
  closedir (dir);
  qsort (names->pdata, names->len, sizeof (char *), compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, names->pdata[i], NULL);
      struct stat st;
      if (lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode) && depth < 64)
        walk (inputs, seen, path, depth + 1);
      else if (S_ISREG (st.st_mode))
        {
          /* Only PS3.10 files with the preamble: files without one (old ACR-NEMA style)
           * are accepted when named explicitly, not when found in a folder. */
          if (lb_cli_is_part10_file (path) && !lb_anon_is_dicomdir (path))
            add_file (inputs, seen, path);
        }
    }
}

void
lb_anon_inputs_collect (LbAnonInputs *inputs, char **paths)
{
  inputs->files = g_ptr_array_new_with_free_func (g_free);
  inputs->zips = g_ptr_array_new_with_free_func (g_free);
  inputs->failed = FALSE;
  inputs->dicomdir = FALSE;
  inputs->dicomdir_uid = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (char **p = paths; p != NULL && *p != NULL; p++)
    {
      struct stat st;
      if (stat (*p, &st) != 0)
        {
          lb_cli_print_error (*p, _("cannot be read: %s"), g_strerror (errno));
          inputs->failed = TRUE;
        }
      else if (S_ISDIR (st.st_mode))
        walk (inputs, seen, *p, 0);
      else if (!S_ISREG (st.st_mode))
        {
          lb_cli_print_error (*p, _("not a regular file"));
          inputs->failed = TRUE;
        }
      else if (lb_anon_is_dicomdir (*p))
        add_dicomdir_files (inputs, seen, *p);
      else if (!lb_cli_is_part10_file (*p) && lb_zip_is_zip (*p))
        g_ptr_array_add (inputs->zips, g_strdup (*p));
      else
        add_file (inputs, seen, *p);
    }
}

void
lb_anon_inputs_clear (LbAnonInputs *inputs)
{
  g_clear_pointer (&inputs->files, g_ptr_array_unref);
  g_clear_pointer (&inputs->zips, g_ptr_array_unref);
  g_clear_pointer (&inputs->dicomdir_uid, free);
}
