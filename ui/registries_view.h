/* The Registries panel's root view: logins, checked on demand (ui/registries_view.c). */
#ifndef BUDU_REGISTRIES_VIEW_H
#define BUDU_REGISTRIES_VIEW_H

struct app;
struct view;
struct view_ops;

/* Its ops and keys, for the tests of the key tables. */
extern const struct view_ops registries_view_ops;

struct view *registries_view_new(struct app *app);

/* A registry answered 401 to something the user asked for (a pull, a push, a look at its tags):
 * asks "Log in to SERVER?" naming what failed (why, already translated); yes opens the
 * Registries panel with the login form started for server. UI thread. */
void registries_offer_login(struct app *app, const char *server, const char *why);
/* "why (server wants a login: 6, then l)", with the keys as bound. UI thread. */
char *registries_login_hint(struct app *app, const char *why, const char *server);
/* WHY, then that the account logged in to SERVER lacks access, and the key of the logins. */
char *registries_access_hint(struct app *app, const char *why, const char *server);

#endif
