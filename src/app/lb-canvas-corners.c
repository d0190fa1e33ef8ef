/* lb-canvas-corners.c: the layout of the canvas's corner texts and orientation letters
 * (lb-canvas-corners.h). Measured sizes in, positions out; the drawing stays in
 * lb-image-canvas-overlay.c. Each pass places what is shown, finds the texts that meet, and
 * hides the least important of them; a hidden line lets the lines of its corner close up.
 * Every pass hides one text, so it ends, and it ends with nothing overlapping; then the hidden
 * texts that fit after all are given back, each only if nothing then meets. */
#include "config.h"

#include <stddef.h>

#include "lb-canvas-corners.h"

#define N_LINES (LB_CANVAS_N_CORNERS * LB_CANVAS_CORNER_MAX_LINES)
#define N_TEXTS (N_LINES + LB_CANVAS_N_EDGES)

bool
lb_canvas_rects_intersect (const LbCanvasRect *a,
                           const LbCanvasRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

static bool
is_right (LbCanvasCorner corner)
{
  return corner == LB_CANVAS_TOP_RIGHT || corner == LB_CANVAS_BOTTOM_RIGHT;
}

static bool
is_bottom (LbCanvasCorner corner)
{
  return corner == LB_CANVAS_BOTTOM_LEFT || corner == LB_CANVAS_BOTTOM_RIGHT;
}

/* The shown lines of each corner, stacked from its corner: down from the top, up from the
 * bottom. */
static void
place_lines (LbCanvasOverlay *o,
             double           width,
             double           height)
{
  for (int c = 0; c < LB_CANVAS_N_CORNERS; c++)
    {
      double y = is_bottom (c) ? height - LB_CANVAS_MARGIN_Y : LB_CANVAS_MARGIN_Y;

      for (int k = 0; k < LB_CANVAS_CORNER_MAX_LINES; k++)
        {
          int i = is_bottom (c) ? LB_CANVAS_CORNER_MAX_LINES - 1 - k : k;
          LbCanvasText *t = &o->lines[c][i];

          if (!t->shown)
            continue;
          t->rect.width = t->width;
          t->rect.height = t->height;
          t->rect.x = is_right (c) ? width - LB_CANVAS_MARGIN_X - t->width : LB_CANVAS_MARGIN_X;
          if (is_bottom (c))
            y -= t->height;
          t->rect.y = y;
          if (!is_bottom (c))
            y += t->height;
        }
    }
}

/* The room along an edge between the lines of its two corners that reach across the letter's
 * band: [*lo, *hi] in x for the top and bottom edges, in y for the left and right ones. */
static void
room_between (const LbCanvasOverlay *o,
              LbCanvasCorner         first,
              LbCanvasCorner         second,
              bool                   along_x,
              double                 band_from,
              double                 band_to,
              double                *lo,
              double                *hi)
{
  for (int k = 0; k < LB_CANVAS_CORNER_MAX_LINES; k++)
    for (int side = 0; side < 2; side++)
      {
        const LbCanvasText *t = &o->lines[side == 0 ? first : second][k];
        const LbCanvasRect *r = &t->rect;
        double from = along_x ? r->y : r->x, to = from + (along_x ? r->height : r->width);
        double start = along_x ? r->x : r->y, end = start + (along_x ? r->width : r->height);

        if (!t->shown || to + LB_CANVAS_GAP <= band_from || from >= band_to + LB_CANVAS_GAP)
          continue;
        if (side == 0 && end + LB_CANVAS_GAP > *lo)
          *lo = end + LB_CANVAS_GAP;
        if (side == 1 && start - LB_CANVAS_GAP < *hi)
          *hi = start - LB_CANVAS_GAP;
      }
}

/* A letter at the middle of its edge; moved along the edge, as little as it can and within the
 * middle half of the edge, into the room between the corner texts when it would meet one. */
static void
place_letter (LbCanvasOverlay *o,
              LbCanvasEdge     edge,
              double           width,
              double           height)
{
  LbCanvasText *t = &o->letters[edge];
  bool along_x = edge == LB_CANVAS_EDGE_TOP || edge == LB_CANVAS_EDGE_BOTTOM;
  double size = along_x ? t->width : t->height;
  double lo = along_x ? LB_CANVAS_MARGIN_X : LB_CANVAS_MARGIN_Y;
  double hi = along_x ? width - LB_CANVAS_MARGIN_X : height - LB_CANVAS_MARGIN_Y;
  double edge_length = along_x ? width : height;
  double pos = (edge_length - size) / 2.0;

  if (!t->shown)
    return;
  t->rect.width = t->width;
  t->rect.height = t->height;
  switch (edge)
    {
    case LB_CANVAS_EDGE_LEFT:
      t->rect.x = LB_CANVAS_MARGIN_X;
      room_between (o, LB_CANVAS_TOP_LEFT, LB_CANVAS_BOTTOM_LEFT, false, t->rect.x,
                    t->rect.x + t->width, &lo, &hi);
      break;
    case LB_CANVAS_EDGE_RIGHT:
      t->rect.x = width - LB_CANVAS_MARGIN_X - t->width;
      room_between (o, LB_CANVAS_TOP_RIGHT, LB_CANVAS_BOTTOM_RIGHT, false, t->rect.x,
                    t->rect.x + t->width, &lo, &hi);
      break;
    case LB_CANVAS_EDGE_TOP:
      t->rect.y = LB_CANVAS_MARGIN_Y;
      room_between (o, LB_CANVAS_TOP_LEFT, LB_CANVAS_TOP_RIGHT, true, t->rect.y,
                    t->rect.y + t->height, &lo, &hi);
      break;
    case LB_CANVAS_EDGE_BOTTOM:
    default:
      t->rect.y = height - LB_CANVAS_MARGIN_Y - t->height;
      room_between (o, LB_CANVAS_BOTTOM_LEFT, LB_CANVAS_BOTTOM_RIGHT, true, t->rect.y,
                    t->rect.y + t->height, &lo, &hi);
      break;
    }
  /* Moved at most a quarter of the edge away from its middle: further, it would read as the
   * letter of a corner. */
  if (lo < edge_length / 4.0 - size / 2.0)
    lo = edge_length / 4.0 - size / 2.0;
  if (hi > edge_length * 3.0 / 4.0 + size / 2.0)
    hi = edge_length * 3.0 / 4.0 + size / 2.0;
  /* No room: stays in the middle, where the pass below hides it or what it meets. */
  if (hi - lo >= size)
    pos = pos < lo ? lo : pos + size > hi ? hi - size : pos;
  if (along_x)
    t->rect.x = pos;
  else
    t->rect.y = pos;
}

/* Every line and letter, for the passes. */
static int
all_texts (LbCanvasOverlay *o,
           LbCanvasText    *texts[N_TEXTS])
{
  int n = 0;

  for (int c = 0; c < LB_CANVAS_N_CORNERS; c++)
    for (int k = 0; k < LB_CANVAS_CORNER_MAX_LINES; k++)
      texts[n++] = &o->lines[c][k];
  for (int e = 0; e < LB_CANVAS_N_EDGES; e++)
    texts[n++] = &o->letters[e];
  return n;
}

static bool
inside (const LbCanvasRect *r,
        double              width,
        double              height)
{
  return r->x >= 0 && r->y >= 0 && r->x + r->width <= width && r->y + r->height <= height;
}

/* The rectangle grown by half the gap on every side: two of them meet when the texts are
 * closer than the gap. */
static LbCanvasRect
with_gap (const LbCanvasRect *r)
{
  double g = LB_CANVAS_GAP / 2.0;

  return (LbCanvasRect) { r->x - g, r->y - g, r->width + 2 * g, r->height + 2 * g };
}

/* The text to hide: of all shown texts that meet another or leave the canvas, the one of
 * lowest priority; of two alike, the wider (hiding it frees more room). NULL when none. */
static LbCanvasText *
least_in_the_way (LbCanvasText **texts,
                  int            n,
                  double         width,
                  double         height)
{
  LbCanvasText *pick = NULL;

  for (int i = 0; i < n; i++)
    {
      LbCanvasText *a = texts[i];
      bool in_the_way;

      if (!a->shown)
        continue;
      in_the_way = !inside (&a->rect, width, height);
      for (int j = 0; j < n && !in_the_way; j++)
        {
          LbCanvasRect ga, gb;

          if (j == i || !texts[j]->shown)
            continue;
          ga = with_gap (&a->rect);
          gb = with_gap (&texts[j]->rect);
          /* Lines of one corner touch by design: they are one block. */
          in_the_way = lb_canvas_rects_intersect (&ga, &gb)
                       && !(i < N_LINES && j < N_LINES
                            && i / LB_CANVAS_CORNER_MAX_LINES == j / LB_CANVAS_CORNER_MAX_LINES);
        }
      if (in_the_way && (pick == NULL || a->priority < pick->priority
                         || (a->priority == pick->priority && a->width > pick->width)))
        pick = a;
    }
  return pick;
}

static void
place_all (LbCanvasOverlay *o,
           double           width,
           double           height)
{
  place_lines (o, width, height);
  for (int e = 0; e < LB_CANVAS_N_EDGES; e++)
    place_letter (o, e, width, height);
}

/* Hiding is greedy: a line hidden early (the patient ID, under the series line) may fit once
 * another has gone. Each hidden text is given back, the most important first, when it then
 * meets nothing. */
static void
give_back (LbCanvasOverlay *o,
           LbCanvasText   **texts,
           int              n,
           double           width,
           double           height)
{
  bool tried[N_TEXTS] = { false };

  for (;;)
    {
      int best = -1;

      for (int i = 0; i < n; i++)
        if (!texts[i]->shown && !tried[i] && texts[i]->width > 0 && texts[i]->height > 0
            && (best < 0 || texts[i]->priority > texts[best]->priority))
          best = i;
      if (best < 0)
        return;
      tried[best] = true;
      texts[best]->shown = true;
      place_all (o, width, height);
      if (least_in_the_way (texts, n, width, height) != NULL)
        {
          texts[best]->shown = false;
          place_all (o, width, height);
        }
    }
}

void
lb_canvas_overlay_layout (LbCanvasOverlay *o,
                          double           width,
                          double           height)
{
  LbCanvasText *texts[N_TEXTS];
  int n = all_texts (o, texts);

  for (int i = 0; i < n; i++)
    {
      texts[i]->shown = texts[i]->width > 0 && texts[i]->height > 0;
      texts[i]->rect = (LbCanvasRect) { 0, 0, 0, 0 };
    }
  for (int pass = 0; pass <= n; pass++)
    {
      LbCanvasText *hide;

      place_all (o, width, height);
      hide = least_in_the_way (texts, n, width, height);
      if (hide == NULL)
        break;
      hide->shown = false;
    }
  give_back (o, texts, n, width, height);
}
