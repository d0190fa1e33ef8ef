/* test-gui-remote.c: the Remote place's parts without a server: the server list in GSettings
 * (add, replace, remove, refuse, persist in a keyfile and read back), the results tree built
 * from LbRemoteRecords (patients → studies → series, the words of each row), the cache folder
 * of a series, and the browser's server chooser. The search and retrieve against a real server
 * are tests/gui/remote.sh's. Needs an X display (meson test runs under xvfb-run). */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "lb-application.h"
#include "lb-remote-browser.h"
#include "lb-remote-node.h"
#include "lb-remote-servers.h"
#include "lb-remote-servers-page.h"
#include "lb-test-gui.h"

/* A GSettings of the app's schema on a keyfile at `path`, as a fresh start would read it. */
static GSettings *
settings_on_keyfile (const char *path)
{
  g_autoptr (GSettings) any = lb_settings_new ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsBackend) backend = g_keyfile_settings_backend_new (path, "/", NULL);

  g_object_get (any, "settings-schema", &schema, NULL);
  return g_settings_new_full (schema, backend, NULL);
}

static void
test_servers_persist (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-remote-servers-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *text = NULL;

  {
    g_autoptr (GSettings) settings = settings_on_keyfile (path);
    g_autoptr (LbRemoteServers) servers = lb_remote_servers_new (settings);
    GListModel *model = lb_remote_servers_get_model (servers);
    g_autoptr (GError) error = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
    g_assert_true (lb_remote_servers_add (servers, " Class Orthanc ",
                                          "http://127.0.0.1:8042/dicom-web", "teacher", &error));
    g_assert_no_error (error);
    g_assert_true (lb_remote_servers_add (servers, "Department", "https://pacs.example.org/dicomweb",
                                          "", &error));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    /* The same name replaces the server rather than adding a second one. */
    g_assert_true (lb_remote_servers_add (servers, "Department", "https://pacs2.example.org/dw",
                                          "student", &error));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    g_assert_cmpstr (lb_remote_server_get_url (lb_remote_servers_find (servers, "Department")), ==,
                     "https://pacs2.example.org/dw");
    g_assert_cmpstr (lb_remote_server_get_name (lb_remote_servers_find (servers, "Class Orthanc")),
                     ==, "Class Orthanc");
    g_settings_sync ();
  }
  /* What is on disk: the list and no password (there is none to store here). */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "remote-servers"));
  g_assert_nonnull (strstr (text, "http://127.0.0.1:8042/dicom-web"));
  {
    g_autoptr (GSettings) settings = settings_on_keyfile (path);
    g_autoptr (LbRemoteServers) servers = lb_remote_servers_new (settings);
    GListModel *model = lb_remote_servers_get_model (servers);
    g_autoptr (LbRemoteServer) first = g_list_model_get_item (model, 0);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    g_assert_cmpstr (lb_remote_server_get_name (first), ==, "Class Orthanc");
    g_assert_cmpstr (lb_remote_server_get_user (first), ==, "teacher");
    g_assert_true (lb_remote_servers_remove (servers, "Class Orthanc"));
    g_assert_false (lb_remote_servers_remove (servers, "Class Orthanc"));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_settings_sync ();
  }
  {
    g_autoptr (GSettings) settings = settings_on_keyfile (path);
    g_autoptr (LbRemoteServers) servers = lb_remote_servers_new (settings);

    g_assert_cmpuint (g_list_model_get_n_items (lb_remote_servers_get_model (servers)), ==, 1);
    g_assert_null (lb_remote_servers_find (servers, "Class Orthanc"));
  }
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_servers_refuse (void)
{
  g_autoptr (GSettings) settings = lb_settings_new ();
  g_autoptr (LbRemoteServers) servers = lb_remote_servers_new (settings);
  const char *bad_urls[] = { "", "127.0.0.1:8042/dicom-web", "ftp://server/dicom-web", "http://",
                             "dicom-web" };
  g_autoptr (GError) error = NULL;

  g_settings_reset (settings, "remote-servers");
  g_assert_false (lb_remote_servers_add (servers, "  ", "http://server/dicom-web", "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_assert_false (lb_remote_servers_add (servers, "S", bad_urls[i], "", &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      /* The message names what was typed. */
      g_assert_nonnull (strstr (error->message, bad_urls[i]));
      g_clear_error (&error);
    }
  g_assert_cmpuint (g_list_model_get_n_items (lb_remote_servers_get_model (servers)), ==, 0);
}

static LbRemoteRecord *
record (LbRemoteLevel level,
        const char   *study_uid,
        const char   *series_uid,
        const char   *patient_name,
        const char   *patient_id,
        const char   *description,
        const char   *modalities,
        int           number,
        int           n_series,
        int           n_instances)
{
  LbRemoteRecord *r = g_new0 (LbRemoteRecord, 1);

  r->level = level;
  r->study_uid = g_strdup (study_uid);
  r->series_uid = g_strdup (series_uid != NULL ? series_uid : "");
  r->patient_name = g_strdup (patient_name);
  r->patient_id = g_strdup (patient_id);
  r->study_date = g_strdup ("20250401");
  r->study_description = g_strdup (level == LB_REMOTE_LEVEL_STUDY ? description : "");
  r->accession = g_strdup ("");
  r->modalities = g_strdup (modalities);
  r->series_description = g_strdup (level == LB_REMOTE_LEVEL_SERIES ? description : "");
  r->series_number = number;
  r->n_series = n_series;
  r->n_instances = n_instances;
  return r;
}

static LbRemoteNode *
child (LbRemoteNode *node,
       guint         i)
{
  /* The child store holds it: the borrowed pointer stays valid. */
  g_autoptr (LbRemoteNode) item = g_list_model_get_item (lb_remote_node_get_children (node), i);

  return item;
}

static void
test_results_tree (void)
{
  g_autoptr (GPtrArray) studies = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_remote_record_free);
  g_autoptr (GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_remote_record_free);
  g_autoptr (GListModel) patients = NULL;
  LbRemoteNode *phantom, *other, *study;

  g_ptr_array_add (studies, record (LB_REMOTE_LEVEL_STUDY, "1.1", NULL,
                                    "Phantom^Teaching=模型^教育=모형^교육", "LIGHTBOX-PHANTOM",
                                    "Teaching phantom", "CT\\MR", -1, 2, 30));
  g_ptr_array_add (studies, record (LB_REMOTE_LEVEL_STUDY, "2.1", NULL, "Doe^Jane", "P2", "",
                                    "US", -1, -1, -1));
  /* Same patient as the first, after another one: grouped under the first. */
  g_ptr_array_add (studies, record (LB_REMOTE_LEVEL_STUDY, "1.2", NULL,
                                    "Phantom^Teaching=模型^教育=모형^교육", "LIGHTBOX-PHANTOM",
                                    "Follow-up", "CT", -1, 1, 24));
  /* A series record among studies is not a study. */
  g_ptr_array_add (studies, record (LB_REMOTE_LEVEL_SERIES, "9.9", "9.9.1", "X", "X", "stray",
                                    "CT", 1, -1, 1));
  patients = lb_remote_node_group_studies (studies);
  g_assert_cmpuint (studies->len, ==, 1);   /* the series record is left there */
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 2);

  phantom = g_list_model_get_item (patients, 0);
  g_object_unref (phantom);
  g_assert_cmpint (lb_remote_node_get_kind (phantom), ==, LB_REMOTE_NODE_PATIENT);
  g_assert_null (lb_remote_node_get_record (phantom));
  g_assert_cmpstr (lb_remote_node_get_title (phantom), ==, "Phantom Teaching = 模型 教育 = 모형 교육");
  g_assert_cmpstr (lb_remote_node_get_detail (phantom), ==, "ID LIGHTBOX-PHANTOM");
  g_assert_cmpuint (g_list_model_get_n_items (lb_remote_node_get_children (phantom)), ==, 2);
  study = child (phantom, 0);
  g_assert_cmpint (lb_remote_node_get_kind (study), ==, LB_REMOTE_NODE_STUDY);
  g_assert_cmpstr (lb_remote_node_get_title (study), ==, "Teaching phantom");
  g_assert_cmpstr (lb_remote_node_get_detail (study), ==,
                   "2025-04-01 · CT MR · 2 series · 30 images");
  g_assert_cmpstr (lb_remote_node_get_record (study)->study_uid, ==, "1.1");
  g_assert_cmpstr (lb_remote_node_get_title (child (phantom, 1)), ==, "Follow-up");

  other = g_list_model_get_item (patients, 1);
  g_object_unref (other);
  g_assert_cmpstr (lb_remote_node_get_title (other), ==, "Doe Jane");
  /* Counts the server did not give are left out, not shown as -1. */
  g_assert_cmpstr (lb_remote_node_get_title (child (other, 0)), ==, "(no description)");
  g_assert_cmpstr (lb_remote_node_get_detail (child (other, 0)), ==, "2025-04-01 · US");

  /* The series of a study arrive later, and are put in series-number order, unnumbered last. */
  g_assert_cmpuint (g_list_model_get_n_items (lb_remote_node_get_children (study)), ==, 0);
  g_ptr_array_add (series, record (LB_REMOTE_LEVEL_SERIES, "1.1", "1.1.3", "", "", "Sagittal",
                                   "MR", 3, -1, 20));
  g_ptr_array_add (series, record (LB_REMOTE_LEVEL_SERIES, "1.1", "1.1.9", "", "", "", "CT", -1,
                                   -1, 1));
  g_ptr_array_add (series, record (LB_REMOTE_LEVEL_SERIES, "1.1", "1.1.1", "", "", "Axial", "CT",
                                   1, -1, 10));
  lb_remote_node_set_series (study, series);
  g_assert_cmpuint (series->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lb_remote_node_get_children (study)), ==, 3);
  g_assert_cmpstr (lb_remote_node_get_title (child (study, 0)), ==, "Axial");
  g_assert_cmpstr (lb_remote_node_get_detail (child (study, 0)), ==, "CT · series 1 · 10 images");
  g_assert_cmpstr (lb_remote_node_get_title (child (study, 1)), ==, "Sagittal");
  g_assert_cmpstr (lb_remote_node_get_record (child (study, 2))->series_uid, ==, "1.1.9");
  g_assert_cmpstr (lb_remote_node_get_detail (child (study, 2)), ==, "CT · 1 image");
  g_assert_null (lb_remote_node_get_children (child (study, 0)));
}

static void
test_cache_dir (void)
{
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "lightbox", "remote", NULL);
  g_autofree char *plain = lb_remote_browser_cache_dir ("1.2.3", "1.2.3.4");
  g_autofree char *odd = lb_remote_browser_cache_dir ("../..", "a/b");
  g_autofree char *empty = lb_remote_browser_cache_dir ("", NULL);
  g_autofree char *expected = g_build_filename (cache, "1.2.3", "1.2.3.4", NULL);

  g_assert_cmpstr (plain, ==, expected);
  /* Whatever a server sends, the folder is two plain names inside the cache. */
  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? odd : empty;
      g_auto (GStrv) parts = NULL;

      g_assert_true (g_str_has_prefix (path, cache));
      parts = g_strsplit (path + strlen (cache) + 1, G_DIR_SEPARATOR_S, -1);
      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      for (guint j = 0; j < 2; j++)
        {
          g_assert_cmpstr (parts[j], !=, "");
          g_assert_cmpstr (parts[j], !=, ".");
          g_assert_cmpstr (parts[j], !=, "..");
        }
    }
}

static void
test_browser_servers (void)
{
  g_autoptr (GSettings) settings = lb_settings_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *browser;
  g_autoptr (LbRemoteServers) servers = lb_remote_servers_new (settings);

  g_settings_reset (settings, "remote-servers");
  browser = lb_remote_browser_new (settings);
  gtk_window_set_child (GTK_WINDOW (window), browser);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (lb_remote_browser_get_server (LB_REMOTE_BROWSER (browser)));
  g_assert_null (lb_remote_browser_get_results (LB_REMOTE_BROWSER (browser)));
  /* A server added elsewhere (Preferences, another window) is offered at once. */
  g_assert_true (lb_remote_servers_add (servers, "Class", "http://127.0.0.1:1/dicom-web",
                                        "teacher", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_nonnull (lb_remote_browser_get_server (LB_REMOTE_BROWSER (browser)));
  g_assert_cmpstr (lb_remote_server_get_name (lb_remote_browser_get_server (LB_REMOTE_BROWSER (browser))),
                   ==, "Class");
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "remote-servers");
}

/* The button labelled `label` (any button when NULL) under `widget`. */
static GtkWidget *
find_widget_button (GtkWidget  *widget,
                    const char *label)
{
  if (GTK_IS_BUTTON (widget)
      && (label == NULL || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_failed (LbRemoteBrowser *browser,
           const char      *headline,
           const char      *details,
           char           **out)
{
  *out = g_strdup_printf ("%s\n%s", headline, details);
}

/* A server that is not running: the search says so, as a toast would (::failed), and the form's
 * status line says it too. Nothing listens on port 1 of loopback. */
static void
test_search_refused (void)
{
  g_autoptr (GSettings) settings = lb_settings_new ();
  g_autoptr (LbRemoteServers) servers = lb_remote_servers_new (settings);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *browser, *search;
  g_autofree char *failed = NULL;
  gint64 deadline;

  g_settings_reset (settings, "remote-servers");
  g_assert_true (lb_remote_servers_add (servers, "Down", "http://127.0.0.1:1/dicom-web", "", NULL));
  browser = lb_remote_browser_new (settings);
  gtk_window_set_child (GTK_WINDOW (window), browser);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (browser, "failed", G_CALLBACK (on_failed), &failed);
  search = find_widget_button (browser, "_Search");
  g_assert_nonnull (search);
  g_assert_true (gtk_widget_get_sensitive (search));
  g_signal_emit_by_name (search, "clicked");
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;   /* a bound, not a timing */
  while (failed == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (failed);
  g_assert_true (g_str_has_prefix (failed, "The server refused the connection: is it running?\n"));
  /* The details name the server, so the reader knows which one. */
  g_assert_nonnull (strstr (failed, "127.0.0.1"));
  g_assert_null (lb_remote_browser_get_results (LB_REMOTE_BROWSER (browser)));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "remote-servers");
}

static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_visible_label (GtkWidget  *widget,
                    const char *start)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), start))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_visible_label (c, start);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Preferences ▸ Remote: a bad address is refused with a message under the form and nothing is
 * added; a good one adds a row (address and user under the name), which its trash button
 * removes. No password is typed: the test never touches a keyring. */
static void
test_preferences_page (void)
{
  g_autoptr (GSettings) settings = lb_settings_new ();
  g_autoptr (LbRemoteServers) servers = NULL;
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page, *row, *trash;

  g_settings_reset (settings, "remote-servers");
  servers = lb_remote_servers_new (settings);
  page = lb_remote_servers_page_new (settings);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (find_visible_label (page, "No servers yet"));

  gtk_editable_set_text (GTK_EDITABLE (find_row (page, ADW_TYPE_ENTRY_ROW, "Name")), "Class");
  gtk_editable_set_text (GTK_EDITABLE (find_row (page, ADW_TYPE_ENTRY_ROW, "DICOMweb address")),
                         "orthanc:8042/dicom-web");
  g_signal_emit_by_name (find_widget_button (page, "_Add Server"), "clicked");
  g_assert_nonnull (find_visible_label (page, "“orthanc:8042/dicom-web” is not a web address"));
  g_assert_cmpuint (g_list_model_get_n_items (lb_remote_servers_get_model (servers)), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (find_row (page, ADW_TYPE_ENTRY_ROW, "DICOMweb address")),
                         "http://orthanc:8042/dicom-web");
  gtk_editable_set_text (GTK_EDITABLE (find_row (page, ADW_TYPE_ENTRY_ROW, "User")), "teacher");
  g_signal_emit_by_name (find_widget_button (page, "_Add Server"), "clicked");
  g_assert_nonnull (find_visible_label (page, "Server added"));
  g_assert_cmpuint (g_list_model_get_n_items (lb_remote_servers_get_model (servers)), ==, 1);
  row = find_row (page, ADW_TYPE_ACTION_ROW, "Class");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "http://orthanc:8042/dicom-web as teacher");
  /* The form is emptied for the next server. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (page, ADW_TYPE_ENTRY_ROW, "Name"))),
                   ==, "");

  trash = find_widget_button (row, NULL);
  g_assert_nonnull (trash);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (trash), ==, "Remove Class");
  /* Clearing the keyring entry of a server with a user is asynchronous and harmless without a
   * keyring; the list follows at once. */
  g_signal_emit_by_name (trash, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (lb_remote_servers_get_model (servers)), ==, 0);
  g_assert_null (find_row (page, ADW_TYPE_ACTION_ROW, "Class"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (LbApplication) app = NULL;

  if (!lb_test_have_display ())
    return 0;
  /* The rows' words are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  app = lb_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_test_add_func ("/gui/remote/servers-persist", test_servers_persist);
  g_test_add_func ("/gui/remote/servers-refuse", test_servers_refuse);
  g_test_add_func ("/gui/remote/results-tree", test_results_tree);
  g_test_add_func ("/gui/remote/cache-dir", test_cache_dir);
  g_test_add_func ("/gui/remote/browser-servers", test_browser_servers);
  g_test_add_func ("/gui/remote/search-refused", test_search_refused);
  g_test_add_func ("/gui/remote/preferences-page", test_preferences_page);
  return g_test_run ();
}
