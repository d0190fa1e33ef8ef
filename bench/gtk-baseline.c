/* gtk-baseline: the least a GTK 4 application does before its first image: an application
 * window with a drawing area, painted once. bench/startup.py times it beside Lightbox, so the
 * start-up figure reads as a ratio to what GTK itself costs on the machine. */
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

static void
activate (GtkApplication *app, gpointer user_data)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw, user_data, NULL);
  gtk_window_set_child (GTK_WINDOW (window), area);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gboolean painted = FALSE;
  GtkApplication *app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate), &painted);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
