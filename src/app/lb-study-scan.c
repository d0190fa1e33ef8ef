/* lb-study-scan.c: the study model of a folder, in a worker (lb-study-scan.h). */
#include "config.h"

#define G_LOG_DOMAIN "lb-study-browser"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lb-study-scan.h"

#define MAX_DEPTH 8
#define MAX_FILES 50000

/* How often a scan lets the browser see what it found so far. */
#define PUBLISH_INTERVAL_US (G_USEC_PER_SEC)
#define FIRST_PUBLISH_US    (G_USEC_PER_SEC * 3 / 10)

struct _LbStudyScanState {
  guint n_seen;                        /* atomic */
  gint stop;                           /* atomic */
  GMutex lock;
  LbStudyModel *partial;               /* under lock */
};

static void
state_clear (LbStudyScanState *state)
{
  g_mutex_clear (&state->lock);
  g_clear_pointer (&state->partial, lb_study_model_free);
}

LbStudyScanState *
lb_study_scan_state_new (void)
{
  LbStudyScanState *state = g_atomic_rc_box_new0 (LbStudyScanState);

  g_mutex_init (&state->lock);
  return state;
}

LbStudyScanState *
lb_study_scan_state_ref (LbStudyScanState *state)
{
  return g_atomic_rc_box_acquire (state);
}

void
lb_study_scan_state_unref (LbStudyScanState *state)
{
  g_atomic_rc_box_release_full (state, (GDestroyNotify) state_clear);
}

guint
lb_study_scan_state_get_n_seen (LbStudyScanState *state)
{
  return (guint) g_atomic_int_get (&state->n_seen);
}

void
lb_study_scan_state_stop (LbStudyScanState *state)
{
  g_atomic_int_set (&state->stop, TRUE);
}

LbStudyModel *
lb_study_scan_state_take_partial (LbStudyScanState *state)
{
  LbStudyModel *partial;

  g_mutex_lock (&state->lock);
  partial = g_steal_pointer (&state->partial);
  g_mutex_unlock (&state->lock);
  return partial;
}

typedef struct {
  char *root;
  gboolean deep;
  LbStudyScanState *state;
  guint n_files;
  gint64 published;                    /* monotonic time of the last partial copy */
} Walk;

static void
walk_free (Walk *walk)
{
  g_free (walk->root);
  lb_study_scan_state_unref (walk->state);
  g_free (walk);
}

static gboolean
walk_should_end (Walk         *walk,
                 GCancellable *cancellable)
{
  return g_cancellable_is_cancelled (cancellable) || g_atomic_int_get (&walk->state->stop);
}

/* Lets the browser list what was found so far: a sorted copy, since the model goes on
 * growing here. */
static void
publish (Walk         *walk,
         LbStudyModel *model)
{
  LbStudyModel *copy;
  gint64 now = g_get_monotonic_time ();

  if (now - walk->published < PUBLISH_INTERVAL_US)
    return;
  walk->published = now;
  copy = lb_study_model_copy (model);
  if (copy == NULL)
    return;
  lb_study_model_sort (copy);
  g_mutex_lock (&walk->state->lock);
  g_clear_pointer (&walk->state->partial, lb_study_model_free);
  walk->state->partial = copy;
  g_mutex_unlock (&walk->state->lock);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in a folder, sorted: of two files with one SOP Instance UID the first by name is
 * kept and the other reported, as lightbox-cli scan does, whatever order readdir() gives. */
static GPtrArray *
list_names (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
walk_dir (Walk         *walk,
          LbStudyModel *model,
          const char   *dir_path,
          guint         depth,
          GCancellable *cancellable)
{
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GPtrArray) subdirs = g_ptr_array_new_with_free_func (g_free);

  if (depth > MAX_DEPTH)
    return;
  names = list_names (dir_path);
  for (guint i = 0; i < names->len && walk->n_files < MAX_FILES; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      GStatBuf st;

      if (walk_should_end (walk, cancellable))
        return;
      if (g_lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          if (walk->deep)
            g_ptr_array_add (subdirs, g_steal_pointer (&path));
          continue;
        }
      /* A link counts when it points at a plain file: never at a pipe (opening one waits for
       * a writer forever), nor at a folder (links could make the walk go round in circles). */
      if (S_ISLNK (st.st_mode) && g_stat (path, &st) != 0)
        continue;
      if (!S_ISREG (st.st_mode))
        continue;
      walk->n_files++;
      g_atomic_int_inc (&walk->state->n_seen);
      lb_study_model_add_path (model, path, NULL);
      publish (walk, model);
    }
  for (guint i = 0; i < subdirs->len; i++)
    walk_dir (walk, model, g_ptr_array_index (subdirs, i), depth + 1, cancellable);
}

static void
scan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Walk *walk = task_data;
  g_autoptr (LbStudyModel) model = lb_study_model_new ();

  if (model == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", g_strerror (ENOMEM));
      return;
    }
  /* The first look after 0.3 s (a folder read faster than that is listed once, whole), then
   * one a second. */
  walk->published = g_get_monotonic_time () - PUBLISH_INTERVAL_US + FIRST_PUBLISH_US;
  walk_dir (walk, model, walk->root, 0, cancellable);
  if (g_task_return_error_if_cancelled (task))
    return;
  lb_study_model_sort (model);
  if (g_atomic_int_get (&walk->state->stop))
    g_debug ("studies scan stopped after %u files", walk->n_files);
  g_debug ("studies of %s: %u files, %zu patients, %zu series, %zu duplicates", walk->root,
           walk->n_files, model->n_patients, lb_study_model_count_series (model),
           model->n_duplicates);
  g_task_return_pointer (task, g_steal_pointer (&model), (GDestroyNotify) lb_study_model_free);
}

void
lb_study_scan_async (GFile               *folder,
                     gboolean             deep,
                     LbStudyScanState    *state,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Walk *walk = g_new0 (Walk, 1);

  walk->root = g_file_get_path (folder);
  walk->deep = deep;
  walk->state = lb_study_scan_state_ref (state);
  if (walk->root == NULL)
    {
      walk_free (walk);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not a local folder");
      return;
    }
  g_task_set_task_data (task, walk, (GDestroyNotify) walk_free);
  g_task_run_in_thread (task, scan_thread);
}

LbStudyModel *
lb_study_scan_finish (GAsyncResult *result,
                      GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
