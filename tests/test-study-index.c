/* test-study-index.c: the study model's string index (src/study/study-index.c) finds every key
 * it was given and no other, across its growth, for keys that differ only in their last byte,
 * only past an 8-byte word, only in length, or are empty; a second put of a key replaces its
 * value. Checked against a GHashTable holding the same keys. */
#include <glib.h>
#include <string.h>

#include "study-index.h"

/* A SOP Instance UID key as the model makes it ("I" 0x1f UID 0x1f) of instance n. */
static char *
uid_key (guint n)
{
  return g_strdup_printf ("I\x1f" "1.2.826.0.1.3680043.8.498.%u\x1f", n);
}

static void
test_many_keys (void)
{
  LbStudyIndex *index = lb_study_index_new ();
  g_autoptr (GHashTable) truth = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const guint n = 20000;

  for (guint i = 0; i < n; i++)
    {
      char *key = uid_key (i);
      g_assert_true (lb_study_index_put (index, key, GUINT_TO_POINTER (i + 1)));
      g_hash_table_insert (truth, key, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = uid_key (i);
      g_assert_cmpuint (GPOINTER_TO_UINT (lb_study_index_get (index, key)), ==, i + 1);
    }
  for (guint i = n; i < n + 1000; i++)
    {
      g_autofree char *key = uid_key (i);
      g_assert_null (lb_study_index_get (index, key));
    }
  lb_study_index_free (index);
}

static void
test_near_keys (void)
{
  /* Keys alike but for one byte at each position, in length, or empty. */
  const char *base = "0123456789abcdefghijklmnopqrstuvwxyz";
  LbStudyIndex *index = lb_study_index_new ();
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (keys, g_strdup (""));
  for (size_t len = 1; len <= strlen (base); len++)
    g_ptr_array_add (keys, g_strndup (base, len));
  for (size_t at = 0; at < strlen (base); at++)
    {
      char *key = g_strdup (base);
      key[at] = '#';
      g_ptr_array_add (keys, key);
    }
  for (guint i = 0; i < keys->len; i++)
    g_assert_true (lb_study_index_put (index, keys->pdata[i], GUINT_TO_POINTER (i + 1)));
  for (guint i = 0; i < keys->len; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (lb_study_index_get (index, keys->pdata[i])), ==, i + 1);
  g_assert_null (lb_study_index_get (index, "0123456789abcdefghijklmnopqrstuvwxyz!"));
  g_assert_null (lb_study_index_get (index, "#"));
  g_ptr_array_unref (keys);
  lb_study_index_free (index);
}

static void
test_replace (void)
{
  LbStudyIndex *index = lb_study_index_new ();
  int a, b;

  g_assert_null (lb_study_index_get (index, "key"));
  g_assert_true (lb_study_index_put (index, "key", &a));
  g_assert_true (lb_study_index_put (index, "key", &b));
  g_assert_true (lb_study_index_get (index, "key") == &b);
  lb_study_index_free (index);
}

/* A borrowing index, as the model keeps SOP Instance UIDs: each key is found missing, then
 * inserted at the probe's slot (keys given by length, not NUL-terminated); every key is then
 * found with its value, the keys' own strings are kept (no copy), a longer or shorter key is
 * missing. */
static void
test_find_then_insert (void)
{
  LbStudyIndex *index = lb_study_index_new_borrowing ();
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  const guint n = 5000;

  for (guint i = 0; i < n; i++)
    {
      char *key = uid_key (i);
      g_autofree char *longer = g_strconcat (key, "9", NULL);   /* its bytes, with one more */
      g_ptr_array_add (keys, key);
      LbStudyIndexProbe probe;
      g_assert_null (lb_study_index_find (index, longer, strlen (key), &probe));
      g_assert_true (lb_study_index_insert (index, &probe, key, GUINT_TO_POINTER (i + 1)));
    }
  for (guint i = 0; i < n; i++)
    {
      const char *key = keys->pdata[i];
      LbStudyIndexProbe probe;
      g_assert_cmpuint (GPOINTER_TO_UINT (lb_study_index_find (index, key, strlen (key), &probe)),
                        ==, i + 1);
      g_assert_cmpuint (GPOINTER_TO_UINT (lb_study_index_get (index, key)), ==, i + 1);
      g_assert_null (lb_study_index_find (index, key, strlen (key) - 1, &probe));
      g_autofree char *longer = g_strconcat (key, "0", NULL);
      g_assert_null (lb_study_index_get (index, longer));
    }
  lb_study_index_free (index);   /* frees no key: the array does */
  g_ptr_array_unref (keys);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/study-index/many-keys", test_many_keys);
  g_test_add_func ("/study-index/near-keys", test_near_keys);
  g_test_add_func ("/study-index/replace", test_replace);
  g_test_add_func ("/study-index/find-then-insert", test_find_then_insert);
  return g_test_run ();
}
