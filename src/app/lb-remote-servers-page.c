/* lb-remote-servers-page.c: the server list in Preferences. The list is LbRemoteServers' model
 * (GSettings); a password typed here is stored in the keyring and then forgotten. */
#include "config.h"

#define G_LOG_DOMAIN "lb-remote"

#include <glib/gi18n.h>

#include "lb-remote-keyring.h"
#include "lb-remote-servers.h"
#include "lb-remote-servers-page.h"

struct _LbRemoteServersPage
{
  AdwPreferencesPage parent_instance;

  GtkListBox *server_list;
  GtkEditable *name_row;
  GtkEditable *url_row;
  GtkEditable *user_row;
  GtkEditable *password_row;
  GtkLabel *message_label;

  LbRemoteServers *servers;
};

G_DEFINE_FINAL_TYPE (LbRemoteServersPage, lb_remote_servers_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_message (LbRemoteServersPage *self,
              const char          *text,
              gboolean             is_error)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

/* What became of an added server, also where the form has scrolled out of sight: a short toast
 * of the Preferences window, and the whole sentence under the form. */
static void
tell (LbRemoteServersPage *self,
      const char          *headline,
      const char          *text,
      gboolean             is_error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  show_message (self, text, is_error);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    {
      AdwToast *toast = adw_toast_new (headline);

      adw_toast_set_timeout (toast, is_error ? 0 : 5);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
    }
}

static void
on_remove_clicked (GtkButton           *button,
                   LbRemoteServersPage *self)
{
  LbRemoteServer *server = g_object_get_data (G_OBJECT (button), "server");
  g_autofree char *name = g_strdup (lb_remote_server_get_name (server));

  if (*lb_remote_server_get_user (server) != '\0')
    lb_remote_keyring_clear (lb_remote_server_get_url (server),
                             lb_remote_server_get_user (server));
  lb_remote_servers_remove (self->servers, name);
}

static GtkWidget *
create_server_row (gpointer item,
                   gpointer user_data)
{
  LbRemoteServersPage *self = user_data;
  LbRemoteServer *server = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  const char *user = lb_remote_server_get_user (server);
  /* Translators: a server's address, then the user name */
  g_autofree char *subtitle = *user != '\0'
    ? g_strdup_printf (_("%s as %s"), lb_remote_server_get_url (server), user)
    : g_strdup (lb_remote_server_get_url (server));
  /* Translators: a server's name */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), lb_remote_server_get_name (server));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lb_remote_server_get_name (server));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "server", g_object_ref (server), g_object_unref);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
on_password_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (LbRemoteServersPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (lb_remote_keyring_store_finish (result, &error))
    {
      tell (self, _("Server added"), _("Server added; its password is in the keyring"), FALSE);
      g_debug ("keyring: password stored");
      return;
    }
  {
    /* Translators: why the keyring refused */
    g_autofree char *text = g_strdup_printf (
      _("Server added, but the password could not be saved in the keyring (%s): type it in "
        "the search form of the Remote place when you search"), error->message);

    tell (self, _("Server added; no keyring kept its password"), text, TRUE);
    g_debug ("keyring: password not stored: %s", error->message);
  }
}

static void
on_add_clicked (LbRemoteServersPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->name_row)));
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (self->url_row)));
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (self->user_row)));
  const char *password = gtk_editable_get_text (self->password_row);

  if (!lb_remote_servers_add (self->servers, name, url, user, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  if (*user != '\0' && *password != '\0')
    lb_remote_keyring_store_async (name, url, user, password, on_password_stored,
                                   g_object_ref (self));
  else
    tell (self, _("Server added"), _("Server added"), FALSE);
  gtk_editable_set_text (self->name_row, "");
  gtk_editable_set_text (self->url_row, "");
  gtk_editable_set_text (self->user_row, "");
  gtk_editable_set_text (self->password_row, "");
}

static void
lb_remote_servers_page_dispose (GObject *object)
{
  LbRemoteServersPage *self = LB_REMOTE_SERVERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_REMOTE_SERVERS_PAGE);
  g_clear_object (&self->servers);
  G_OBJECT_CLASS (lb_remote_servers_page_parent_class)->dispose (object);
}

static void
lb_remote_servers_page_class_init (LbRemoteServersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_remote_servers_page_dispose;
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-remote-servers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LbRemoteServersPage, server_list);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteServersPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteServersPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteServersPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteServersPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteServersPage, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
}

static void
lb_remote_servers_page_init (LbRemoteServersPage *self)
{
  GtkWidget *none;

  gtk_widget_init_template (GTK_WIDGET (self));
  none = gtk_label_new (_("No servers yet"));
  gtk_widget_add_css_class (none, "dim-label");
  gtk_widget_set_margin_top (none, 12);
  gtk_widget_set_margin_bottom (none, 12);
  gtk_list_box_set_placeholder (self->server_list, none);
}

GtkWidget *
lb_remote_servers_page_new (GSettings *settings)
{
  LbRemoteServersPage *self = g_object_new (LB_TYPE_REMOTE_SERVERS_PAGE, NULL);

  self->servers = lb_remote_servers_new (settings);
  gtk_list_box_bind_model (self->server_list, lb_remote_servers_get_model (self->servers),
                           create_server_row, self, NULL);
  return GTK_WIDGET (self);
}
