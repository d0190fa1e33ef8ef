/* lb-bench-drag-rois: a window drag in the real canvas widget (1000x800, the image fitted) with
 * and without three ROIs shown (a rectangle, an ellipse and a line, drawn through the tool
 * layer as the mouse would), in one process, alternating (not a test).
 *   lb-bench-drag-rois FILE [RUNS]
 * A step is what a drag step costs on screen: set the window, snapshot the canvas, render the
 * snapshot with the window's GSK renderer. Each run times STEPS steps without the ROIs, then
 * STEPS with them; medians over RUNS (default 11) after one warm-up, and the median of the
 * per-run ratios. The ROI statistics are computed when a shape is drawn or moved, not per
 * window step (they read modality values, which the window does not change). Needs a display. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <gtk/gtk.h>

#include "lb-document.h"
#include "lb-image-canvas.h"
#include "lb-image-canvas-tools.h"
#include "lb-tool-layer.h"
#include "lb-bench-timing.h"

#define STEPS 30

/* ui/lightbox.gresource.xml, compiled into the app library: referenced so that the linker
 * keeps it, and with it the widgets' templates. */
extern GResource *lb_get_resource (void);

typedef struct {
  gboolean done;
  LbDocument *doc;
  GError *error;
} Load;

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Load *load = user_data;
  load->doc = lb_document_load_finish (result, &load->error);
  load->done = TRUE;
}

/* One shape, drawn as a mouse drag from (x0, y0) to (x1, y1) in image pixels. */
static void
draw_shape (LbToolLayer *layer, LbTool tool, double x0, double y0, double x1, double y1)
{
  lb_tool_layer_set_tool (layer, tool);
  lb_tool_layer_press (layer, x0, y0, 4);
  lb_tool_layer_drag_to (layer, (x0 + x1) / 2, (y0 + y1) / 2);
  lb_tool_layer_drag_to (layer, x1, y1);
  lb_tool_layer_release (layer);
}

/* Milliseconds per step over STEPS window steps, from `base`. */
static double
time_steps (GtkWidget *win, LbImageCanvas *canvas, double base)
{
  GtkWidget *widget = GTK_WIDGET (canvas);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (win));
  double start = now_ms ();

  for (int i = 0; i < STEPS; i++)
    {
      lb_image_canvas_set_window (canvas, base + i * 10, 2 * base - i * 50,
                                  LB_WINDOW_SOURCE_MANUAL, NULL);
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
      GskRenderNode *node = gtk_snapshot_free_to_node (snapshot);
      GdkTexture *texture =
        gsk_renderer_render_texture (renderer, node,
                                     &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                          gtk_widget_get_height (widget)));
      g_object_unref (texture);
      gsk_render_node_unref (node);
    }
  return (now_ms () - start) / STEPS;
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: lb-bench-drag-rois FILE [RUNS]\n");
      return 1;
    }
  int runs = argc > 2 ? atoi (argv[2]) : 11;
  if (runs < 1)
    runs = 1;
  gtk_init ();
  (void) lb_get_resource ();

  g_autoptr (GFile) file = g_file_new_for_commandline_arg (argv[1]);
  Load load = { FALSE, NULL, NULL };
  lb_document_load_async (file, 0, NULL, on_loaded, &load);
  while (!load.done)
    g_main_context_iteration (NULL, TRUE);
  if (load.doc == NULL)
    {
      fprintf (stderr, "lb-bench-drag-rois: %s: %s\n", argv[1], load.error->message);
      return 2;
    }
  const LbDicomFrame *frame = lb_document_get_frame (load.doc);
  if (frame == NULL)
    {
      fprintf (stderr, "lb-bench-drag-rois: %s: no frame to show\n", argv[1]);
      return 2;
    }
  double w = frame->width, h = frame->height;

  GtkWidget *win = gtk_window_new ();
  LbImageCanvas *canvas = LB_IMAGE_CANVAS (lb_image_canvas_new ());
  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (win), GTK_WIDGET (canvas));
  gtk_window_present (GTK_WINDOW (win));
  lb_image_canvas_set_document (canvas, load.doc, FALSE);
  while (gtk_widget_get_width (GTK_WIDGET (canvas)) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* The three shapes, as a teacher draws them: a rectangle over a ninth of the frame, an
   * ellipse over a quarter, a line across. */
  LbToolLayer *layer = lb_tool_layer_new ();
  lb_image_canvas_set_tool_layer (canvas, layer);
  draw_shape (layer, LB_TOOL_RECTANGLE, w / 3, h / 3, 2 * w / 3, 2 * h / 3);
  draw_shape (layer, LB_TOOL_ELLIPSE, w / 4, h / 4, 3 * w / 4, 3 * h / 4);
  draw_shape (layer, LB_TOOL_DISTANCE, w / 10, h / 2, 9 * w / 10, h / 2 + 40);
  lb_tool_layer_set_tool (layer, LB_TOOL_POINTER);
  guint shapes = g_list_model_get_n_items (lb_tool_layer_get_measurements (layer));
  if (shapes != 3)
    {
      fprintf (stderr, "lb-bench-drag-rois: %u shapes drawn, not 3\n", shapes);
      return 3;
    }

  double base = lb_image_canvas_get_range (canvas) / 2;
  double *plain = g_new (double, runs), *rois = g_new (double, runs), *ratio = g_new (double, runs);
  lb_image_canvas_set_tool_layer (canvas, NULL);
  time_steps (win, canvas, base);                        /* warm-up */
  for (int r = 0; r < runs; r++)
    {
      lb_image_canvas_set_tool_layer (canvas, NULL);
      plain[r] = time_steps (win, canvas, base);
      lb_image_canvas_set_tool_layer (canvas, layer);
      rois[r] = time_steps (win, canvas, base);
      ratio[r] = rois[r] / plain[r];
    }
  double p = median (plain, runs), q = median (rois, runs);
  printf ("%ux%u, canvas %dx%d, %d runs of %d steps\n", frame->width, frame->height,
          gtk_widget_get_width (GTK_WIDGET (canvas)), gtk_widget_get_height (GTK_WIDGET (canvas)),
          runs, STEPS);
  printf ("without ROIs: %.2f ms per step, %.0f steps/s\n", p, 1000 / p);
  printf ("three ROIs:   %.2f ms per step, %.0f steps/s\n", q, 1000 / q);
  printf ("ROIs / plain: %.2fx (median of the per-run ratios)\n", median (ratio, runs));

  lb_image_canvas_set_tool_layer (canvas, NULL);
  g_object_unref (layer);
  gtk_window_destroy (GTK_WINDOW (win));
  g_object_unref (load.doc);
  g_free (plain);
  g_free (rois);
  g_free (ratio);
  return 0;
}
