/* gtk-baseline: the least a GTK 4 application does before its first image: an application
 * window with a drawing area, painted once. bench/startup.py times it beside Lightbox, so the
 * start-up figure reads as a ratio to what GTK itself costs on the machine.
 *
 * gtk-baseline --plain: the stricter baseline: no GtkApplication (no D-Bus name, no
 * application start-up), a bare GtkWindow made right after gtk_init(), and the process quits
 * at its first paint. */
#include <gtk/gtk.h>

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  gboolean *painted = user_data;

  cairo_paint (cr);
  if (!*painted)
    {
      *painted = TRUE;
      g_printerr ("first image drawn\n");
    }
}

static GtkWidget *
bare_window (GtkWidget *window, gboolean *painted)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw, painted, NULL);
  gtk_window_set_child (GTK_WINDOW (window), area);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
activate (GtkApplication *app, gpointer user_data)
{
  bare_window (gtk_application_window_new (app), user_data);
}

static int
run_plain (void)
{
  gboolean painted = FALSE;

  gtk_init ();
  bare_window (gtk_window_new (), &painted);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

int
main (int argc, char **argv)
{
  gboolean painted = FALSE;
  GtkApplication *app;

  if (argc > 1 && g_str_equal (argv[1], "--plain"))
    return run_plain ();
  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), &painted);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
