/* study-order.c: ordering the study model (lb_study_model_sort) and its counts. */
#include "lb-study.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* qsort of `n` items; an empty array may have a NULL base, which qsort must not be given.
 * Items already in order are left as they are, as qsort (glibc's merge sort, stable) would
 * leave them: a folder's files come in name order, which is mostly slice order too, and the
 * n - 1 comparisons of the check cost a fifth of the sort's. */
static void
sort_items (void   *base,
            size_t  n,
            size_t  size,
            int   (*compare) (const void *, const void *))
{
  if (n < 2)
    return;
  const char *item = base;
  size_t i = 1;
  while (i < n && compare (item + (i - 1) * size, item + i * size) <= 0)
    i++;
  if (i < n)
    qsort (base, n, size, compare);
}

/* Projects each Image Position (Patient) on the normal of the stack's Image Orientation (row x
 * column direction cosines): that is the slice's place along the stack, whatever the patient
 * orientation, where sorting by z alone fails for sagittal or oblique series. */
static void
compute_positions (LbStudyStack *stack)
{
  const double *iop = stack->orientation;
  double n[3] = { 0, 0, 1 };
  if (stack->has_orientation)
    {
      n[0] = iop[1] * iop[5] - iop[2] * iop[4];
      n[1] = iop[2] * iop[3] - iop[0] * iop[5];
      n[2] = iop[0] * iop[4] - iop[1] * iop[3];
    }
  for (size_t i = 0; i < stack->n_instances; i++)
    {
      LbStudyInstance *inst = stack->instances[i];
      inst->position = inst->ipp[0] * n[0] + inst->ipp[1] * n[1] + inst->ipp[2] * n[2];
    }
}

static int
compare_instances (const void *a, const void *b)
{
  const LbStudyInstance *x = *(LbStudyInstance *const *) a, *y = *(LbStudyInstance *const *) b;
  if (x->has_position != y->has_position)
    return x->has_position ? -1 : 1;
  if (x->has_position && x->position != y->position)
    return x->position < y->position ? -1 : 1;
  if (x->has_instance != y->has_instance)
    return x->has_instance ? -1 : 1;
  if (x->instance != y->instance)
    return x->instance < y->instance ? -1 : 1;
  return strcmp (x->path, y->path);
}

/* The main stack first (most images), a localizer after it; ties by their first file. */
static int
compare_stacks (const void *a, const void *b)
{
  const LbStudyStack *x = *(LbStudyStack *const *) a, *y = *(LbStudyStack *const *) b;
  if (x->n_instances != y->n_instances)
    return x->n_instances > y->n_instances ? -1 : 1;
  if (x->n_instances == 0)
    return 0;
  return strcmp (x->instances[0]->path, y->instances[0]->path);
}

static int
compare_series (const void *a, const void *b)
{
  const LbStudySeries *x = *(LbStudySeries *const *) a, *y = *(LbStudySeries *const *) b;
  if (x->has_number != y->has_number)
    return x->has_number ? -1 : 1;
  if (x->number != y->number)
    return x->number < y->number ? -1 : 1;
  int c = strcmp (x->uid, y->uid);
  if (c == 0)
    c = strcmp (x->modality, y->modality);
  return c != 0 ? c : strcmp (x->sop_class_uid, y->sop_class_uid);
}

static int
compare_studies (const void *a, const void *b)
{
  const LbStudyStudy *x = *(LbStudyStudy *const *) a, *y = *(LbStudyStudy *const *) b;
  int c = strcmp (x->date, y->date);
  return c != 0 ? c : strcmp (x->uid, y->uid);
}

static int
compare_patients (const void *a, const void *b)
{
  const LbStudyPatient *x = *(LbStudyPatient *const *) a, *y = *(LbStudyPatient *const *) b;
  int c = strcmp (x->name, y->name);
  return c != 0 ? c : strcmp (x->id, y->id);
}

static void
sort_series (LbStudySeries *series)
{
  for (size_t k = 0; k < series->n_stacks; k++)
    {
      LbStudyStack *stack = series->stacks[k];
      compute_positions (stack);
      sort_items (stack->instances, stack->n_instances, sizeof *stack->instances, compare_instances);
    }
  sort_items (series->stacks, series->n_stacks, sizeof *series->stacks, compare_stacks);
}

void
lb_study_model_sort (LbStudyModel *model)
{
  sort_items (model->patients, model->n_patients, sizeof *model->patients, compare_patients);
  for (size_t p = 0; p < model->n_patients; p++)
    {
      LbStudyPatient *patient = model->patients[p];
      sort_items (patient->studies, patient->n_studies, sizeof *patient->studies, compare_studies);
      for (size_t s = 0; s < patient->n_studies; s++)
        {
          LbStudyStudy *study = patient->studies[s];
          sort_items (study->series, study->n_series, sizeof *study->series, compare_series);
          for (size_t r = 0; r < study->n_series; r++)
            sort_series (study->series[r]);
        }
    }
}

int64_t
lb_study_stack_frames (const LbStudyStack *stack)
{
  int64_t frames = 0;
  for (size_t i = 0; i < stack->n_instances; i++)
    frames += stack->instances[i]->frames;
  return frames;
}

size_t
lb_study_series_instances (const LbStudySeries *series)
{
  size_t n = 0;
  for (size_t k = 0; k < series->n_stacks; k++)
    n += series->stacks[k]->n_instances;
  return n;
}

int64_t
lb_study_series_frames (const LbStudySeries *series)
{
  int64_t frames = 0;
  for (size_t k = 0; k < series->n_stacks; k++)
    frames += lb_study_stack_frames (series->stacks[k]);
  return frames;
}

size_t
lb_study_model_count_series (const LbStudyModel *model)
{
  size_t n = 0;
  for (size_t p = 0; p < model->n_patients; p++)
    for (size_t s = 0; s < model->patients[p]->n_studies; s++)
      n += model->patients[p]->studies[s]->n_series;
  return n;
}

/* The plane a stack's normal is closest to: its largest component along the patient's
 * left-right (sagittal), front-back (coronal) or head-foot (axial) axis; "oblique" when no
 * component dominates (cos 30°: more than 30° off every plane). */
LbStudyPlane
lb_study_stack_plane (const LbStudyStack *stack)
{
  if (!stack->has_orientation)
    return LB_STUDY_PLANE_NONE;
  const double *iop = stack->orientation;
  double n[3] = {
    iop[1] * iop[5] - iop[2] * iop[4],
    iop[2] * iop[3] - iop[0] * iop[5],
    iop[0] * iop[4] - iop[1] * iop[3],
  };
  int axis = 0;
  for (int i = 1; i < 3; i++)
    if (fabs (n[i]) > fabs (n[axis]))
      axis = i;
  double length = sqrt (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
  if (length == 0 || fabs (n[axis]) / length < 0.866)
    return LB_STUDY_PLANE_OBLIQUE;
  return axis == 0 ? LB_STUDY_PLANE_SAGITTAL : axis == 1 ? LB_STUDY_PLANE_CORONAL
                                                          : LB_STUDY_PLANE_AXIAL;
}

const char *
lb_study_plane_name (LbStudyPlane plane)
{
  static const char *const names[] = { "", "axial", "coronal", "sagittal", "oblique" };
  return (unsigned) plane < sizeof names / sizeof names[0] ? names[plane] : "";
}
