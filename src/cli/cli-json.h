/* cli-json.h: a small streaming JSON writer for the --json outputs of lightbox-cli.
 *
 * The writer appends to a GString and keeps track of commas and indentation, so the commands
 * only say what comes next. Strings are escaped per RFC 8259; invalid UTF-8 becomes U+FFFD,
 * so the output is always valid JSON whatever bytes a file holds. */
#pragma once

#include <glib.h>
#include <stdint.h>

#define LB_JSON_MAX_DEPTH 256

typedef struct {
  GString *out;
  guint depth;
  gboolean after_key;                      /* the next value follows "key": */
  gboolean has_items[LB_JSON_MAX_DEPTH];   /* the container at this depth is not empty */
  gboolean pretty;
} LbJson;

void lb_json_init (LbJson *json, GString *out, gboolean pretty);

void lb_json_begin_object (LbJson *json);
void lb_json_end_object (LbJson *json);
void lb_json_begin_array (LbJson *json);
void lb_json_end_array (LbJson *json);
void lb_json_key (LbJson *json, const char *key);

void lb_json_string (LbJson *json, const char *utf8);   /* NULL writes null */
void lb_json_string_len (LbJson *json, const char *utf8, gssize len);
void lb_json_int (LbJson *json, int64_t value);
void lb_json_uint (LbJson *json, uint64_t value);
void lb_json_double (LbJson *json, double value);       /* NaN and infinities write null */
void lb_json_bool (LbJson *json, gboolean value);
void lb_json_null (LbJson *json);
void lb_json_raw (LbJson *json, const char *fragment);  /* an already-encoded JSON value */

/* Shorthands for "key": value. */
void lb_json_member_string (LbJson *json, const char *key, const char *utf8);
void lb_json_member_int (LbJson *json, const char *key, int64_t value);
void lb_json_member_double (LbJson *json, const char *key, double value);

/* Appends `utf8` as a quoted, escaped JSON string. */
void lb_json_append_escaped (GString *out, const char *utf8, gssize len);
/* Appends the shortest decimal form of `value` that reads back as the same double. */
void lb_json_append_double (GString *out, double value);
