/* orientation.c: patient direction letters at the edges of a turned and mirrored view. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lb-orientation.h"

void
lb_orientation_letters (const double dir[3], int max_letters, char out[LB_ORIENTATION_LABEL_MAX])
{
  static const char positive[3] = { 'L', 'P', 'H' }, negative[3] = { 'R', 'A', 'F' };
  memset (out, 0, LB_ORIENTATION_LABEL_MAX);
  double len = sqrt (dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
  if (!(len > 1e-9) || !isfinite (len))
    return;
  if (max_letters < 1)
    max_letters = 1;
  if (max_letters > LB_ORIENTATION_LABEL_MAX - 1)
    max_letters = LB_ORIENTATION_LABEL_MAX - 1;
  int order[3] = { 0, 1, 2 };
  for (int a = 0; a < 3; a++)          /* three items: sort by strength, stable */
    for (int b = a + 1; b < 3; b++)
      if (fabs (dir[order[b]]) > fabs (dir[order[a]]))
        {
          int t = order[a];
          order[a] = order[b];
          order[b] = t;
        }
  int n = 0;
  for (int a = 0; a < 3 && n < max_letters; a++)
    {
      double c = dir[order[a]] / len;
      if (fabs (c) < 0.25)
        break;
      out[n++] = c > 0 ? positive[order[a]] : negative[order[a]];
    }
}

static bool
usable (const double v[3])
{
  double len2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
  return isfinite (len2) && len2 > 1e-12;
}

/* The image direction (x right, y down) that the view shows along screen direction (sx, sy):
 * undo the clockwise quarter turns, then the left-right mirror. */
static void
screen_to_image (int quarter_turns, bool flip, double sx, double sy, double *ix, double *iy)
{
  int q = ((quarter_turns % 4) + 4) % 4;
  for (int i = 0; i < q; i++)
    {
      /* the inverse of one clockwise turn (x, y) -> (-y, x) on a y-down screen */
      double t = sx;
      sx = sy;
      sy = -t;
    }
  *ix = flip ? -sx : sx;
  *iy = sy;
}

static void
edge_letters (const double row_dir[3], const double col_dir[3], int quarter_turns, bool flip, double sx,
              double sy, char out[LB_ORIENTATION_LABEL_MAX])
{
  double ix, iy, d[3];
  screen_to_image (quarter_turns, flip, sx, sy, &ix, &iy);
  for (int c = 0; c < 3; c++)
    d[c] = ix * row_dir[c] + iy * col_dir[c];
  lb_orientation_letters (d, 2, out);
}

bool
lb_orientation_edge_labels (const double row_dir[3], const double col_dir[3], int quarter_turns, bool flip,
                            LbOrientationLabels *out)
{
  memset (out, 0, sizeof *out);
  if (row_dir == NULL || col_dir == NULL || !usable (row_dir) || !usable (col_dir))
    return false;
  double cross[3] = { row_dir[1] * col_dir[2] - row_dir[2] * col_dir[1],
                      row_dir[2] * col_dir[0] - row_dir[0] * col_dir[2],
                      row_dir[0] * col_dir[1] - row_dir[1] * col_dir[0] };
  double lr = sqrt (row_dir[0] * row_dir[0] + row_dir[1] * row_dir[1] + row_dir[2] * row_dir[2]);
  double lc = sqrt (col_dir[0] * col_dir[0] + col_dir[1] * col_dir[1] + col_dir[2] * col_dir[2]);
  if (sqrt (cross[0] * cross[0] + cross[1] * cross[1] + cross[2] * cross[2]) < 0.5 * lr * lc)
    return false;   /* parallel or nearly so: not an orientation */
  edge_letters (row_dir, col_dir, quarter_turns, flip, 1, 0, out->right);
  edge_letters (row_dir, col_dir, quarter_turns, flip, -1, 0, out->left);
  edge_letters (row_dir, col_dir, quarter_turns, flip, 0, 1, out->bottom);
  edge_letters (row_dir, col_dir, quarter_turns, flip, 0, -1, out->top);
  return true;
}

/* A Patient Orientation value ("LA") as a direction: letters weighted 1, 1/2, 1/4 in order, so
 * the strongest stays first when named again. */
static bool
letters_to_direction (const char *s, size_t len, double d[3])
{
  d[0] = d[1] = d[2] = 0;
  double weight = 1;
  if (len == 0 || len > 3)
    return false;
  for (size_t i = 0; i < len; i++, weight /= 2)
    switch (s[i])
      {
      case 'L': d[0] += weight; break;
      case 'R': d[0] -= weight; break;
      case 'P': d[1] += weight; break;
      case 'A': d[1] -= weight; break;
      case 'H': d[2] += weight; break;
      case 'F': d[2] -= weight; break;
      default: return false;
      }
  return true;
}

bool
lb_orientation_edge_labels_from_patient_orientation (const char *value, int quarter_turns, bool flip,
                                                     LbOrientationLabels *out)
{
  memset (out, 0, sizeof *out);
  if (value == NULL)
    return false;
  const char *sep = strchr (value, '\\');
  if (sep == NULL)
    return false;
  size_t len2 = strlen (sep + 1);
  while (len2 > 0 && (sep[len2] == ' ' || sep[len2] == '\0'))
    len2--;
  double row[3], col[3];
  if (!letters_to_direction (value, (size_t) (sep - value), row) || !letters_to_direction (sep + 1, len2, col))
    return false;
  return lb_orientation_edge_labels (row, col, quarter_turns, flip, out);
}
